//! The two manifests: `spin.toml` starts on a stock Spin (HTTP triggers only); `spin-cron.toml` is the same app
//! plus the `[[trigger.cron]]` schedules for Spin with the trigger-cron plugin. The second is generated from the
//! first (`LAPOR_REGEN=1` rewrites it), so the two never drift apart.

use std::fs;

const MARKER: &str = "# ---- cron triggers (need the trigger-cron plugin); edit below this line ----\n";
const HEADER: &str = "\
# The app on Spin with the trigger-cron plugin: the SLA sweep and X polling on schedules.
# Generated from spin.toml (everything above the marker line) by `LAPOR_REGEN=1 cargo test -p lapor-e2e --test e2e -- manifests::`;
# edit spin.toml, not this part. Run with: spin up -f spin-cron.toml (after `spin plugins install trigger-cron`).
";

#[test]
fn spin_cron_toml_is_spin_toml_plus_the_cron_triggers() {
    let root = lapor_e2e::repo_root();
    let main = fs::read_to_string(root.join("spin.toml")).unwrap();
    let cron_path = root.join("spin-cron.toml");
    let cron = fs::read_to_string(&cron_path).unwrap();
    let (_, tail) = cron.split_once(MARKER).expect("spin-cron.toml has the marker line");
    let expected = format!("{HEADER}{main}\n{MARKER}{tail}");
    let cron = if std::env::var_os("LAPOR_REGEN").is_some() {
        fs::write(&cron_path, &expected).unwrap();
        expected.clone()
    } else {
        cron
    };
    assert!(
        cron == expected,
        "spin-cron.toml is out of date: run LAPOR_REGEN=1 cargo test -p lapor-e2e --test e2e -- manifests::"
    );

    let main: toml::Value = toml::from_str(&main).unwrap();
    let cron: toml::Value = toml::from_str(&cron).unwrap();
    // A stock Spin has only the http and redis triggers built in.
    let triggers = main["trigger"].as_table().unwrap();
    assert_eq!(triggers.keys().collect::<Vec<_>>(), ["http"], "spin.toml must start without plugins");
    let schedules = cron["trigger"]["cron"].as_array().unwrap();
    let scheduled: Vec<&str> = schedules.iter().map(|t| t["component"].as_str().unwrap()).collect();
    assert_eq!(scheduled, ["sla-sweep", "twitter-ingest"]);
    // Everything that runs on a schedule is also reachable over HTTP on a stock Spin.
    let routes: Vec<(&str, &str)> = triggers["http"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["route"].as_str().unwrap(), t["component"].as_str().unwrap()))
        .collect();
    assert!(routes.contains(&("/internal/sweep", "sla-sweep")));
    assert!(routes.contains(&("/internal/x-poll", "twitter-ingest")));
}

/// devhost runs the schedules of `spin-cron.toml` the way the trigger-cron plugin does: it loads the same
/// components and fires their cron export, on the same state as the HTTP app. A stock Spin (no plugins) refuses
/// that manifest, which is why `spin.toml` has no cron trigger.
#[test]
fn the_cron_manifest_fires_the_sweep_on_the_same_state() {
    if let Some(spin) = lapor_e2e::spin_binary() {
        let state = tempfile::tempdir().unwrap();
        let log = state.path().join("out.txt");
        let file = fs::File::create(&log).unwrap();
        let mut child = std::process::Command::new(spin)
            .args(["up", "-f"])
            .arg(lapor_e2e::repo_root().join("spin-cron.toml"))
            .arg("--state-dir")
            .arg(state.path())
            .args(["--listen", "127.0.0.1:0"])
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let text = fs::read_to_string(&log).unwrap();
        assert!(status.is_some_and(|s| !s.success()) && text.contains("trigger-cron"), "{text}");
        return;
    }
    let app = lapor_e2e::app_with_manifest("spin-cron.toml", &[("sweep_token", "t")]);
    assert!(app.fire_cron("sla-sweep").is_ok());
    assert!(app.fire_cron("twitter-ingest").is_ok());
    // The HTTP routes are the same app.
    assert_eq!(app.get("/api/v1/reports/0000000000").status, 404);
}
