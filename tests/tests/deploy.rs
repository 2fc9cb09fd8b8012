//! The deployment files (SpinKube SpinApps, runtime config, CronJobs) validate with schema-checking tools that
//! `deploy/validate` installs from PyPI. Fails, never skips, when the tools cannot be installed.

#[test]
fn deploy_manifests_validate() {
    let root = lapor_e2e::repo_root();
    let out = std::process::Command::new("bash")
        .arg(root.join("deploy/validate"))
        .env("LAPOR_DEPLOY_VENV", root.join("target/deploy-venv"))
        .output()
        .expect("running deploy/validate");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "deploy/validate failed:\n{text}");
    assert!(text.contains("deploy: SpinApps, CronJobs and runtime config are valid"), "{text}");
}
