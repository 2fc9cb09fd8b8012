//! Running the manifest's `[component.X.build]` commands, like `spin build`.

use crate::manifest::Manifest;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// Runs each distinct build command once (components in id order), with `sh -c` in the manifest directory (or the
/// component's `workdir`). Extra environment variables are passed to every command.
pub fn build(manifest: &Manifest, extra_env: &[(String, String)]) -> Result<()> {
    let mut done: Vec<(String, PathBuf)> = Vec::new();
    for (id, component) in &manifest.components {
        let Some(build) = &component.build else {
            continue;
        };
        let dir = match &build.workdir {
            Some(w) => manifest.dir.join(w),
            None => manifest.dir.clone(),
        };
        let key = (build.command.clone(), dir.clone());
        if done.contains(&key) {
            continue;
        }
        eprintln!("devhost: building {id}: {}", build.command);
        let status = Command::new("sh")
            .arg("-c")
            .arg(&build.command)
            .current_dir(&dir)
            .envs(extra_env.iter().map(|(k, v)| (k, v)))
            .status()
            .with_context(|| format!("running build command for component {id:?}"))?;
        if !status.success() {
            bail!("build of component {id:?} failed ({status}): `{}` in {}", build.command, dir.display());
        }
        done.push(key);
    }
    Ok(())
}
