//! `SPIN_VARIABLE_<NAME>` beats a variable's default; explicit overrides beat the environment. This is its own
//! test binary because it changes the process environment.

mod common;

use common::*;

#[test]
fn environment_provider() {
    // Set before any other thread of this process reads the environment.
    std::env::set_var("SPIN_VARIABLE_ENV_ONLY", "from-env");
    std::env::set_var("SPIN_VARIABLE_WHO_MAIN", "env-who");
    let dir = app_dir();
    let app = start(dir.path());
    let var = |name: &str| get(&format!("{}/t/v?op=var&name={name}", app.url())).body;
    assert_eq!(var("env_only"), "from-env");
    assert_eq!(var("greeting"), "hello, env-who!");
    drop(app);

    let mut config = config(dir.path());
    config.variables.insert("env_only".into(), "explicit".into());
    let app = devhost::start(config).unwrap();
    let var = |name: &str| get(&format!("{}/t/v?op=var&name={name}", app.url())).body;
    assert_eq!(var("env_only"), "explicit");
}
