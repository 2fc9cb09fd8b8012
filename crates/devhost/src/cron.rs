//! The cron trigger: calls a component's `fermyon:spin-cron` `handle-cron-event` export.

use crate::app::App;
use crate::bindings::cron::{exports_metadata, SpinCronPre};
use anyhow::{anyhow, bail, Context, Result};
use std::time::{SystemTime, UNIX_EPOCH};

impl App {
    /// Runs one cron event in a fresh instance of `component`.
    pub async fn fire_cron(&self, component: &str) -> Result<()> {
        let loaded = self
            .components
            .get(component)
            .ok_or_else(|| anyhow!("no component {component:?} is loaded (is it in a trigger?)"))?;
        let pre = SpinCronPre::new(loaded.pre.clone()).map_err(|e| {
            anyhow!("component {component:?} does not export fermyon:spin-cron handle-cron-event ({e})")
        })?;
        let mut store = self.new_store(loaded)?;
        let instance = pre.instantiate_async(&mut store).await?;
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let result = instance
            .call_handle_cron_event(&mut store, exports_metadata(timestamp))
            .await
            .map_err(anyhow::Error::from)
            .with_context(|| format!("cron handler of {component:?} trapped"))?;
        if let Err(e) = result {
            bail!("cron handler of {component:?} failed: {e:?}");
        }
        Ok(())
    }

    /// Fires every cron component once, in manifest order; returns the first error after trying them all.
    pub async fn fire_all_crons(&self) -> Result<()> {
        let mut first_err = None;
        for id in self.cron_components() {
            if let Err(e) = self.fire_cron(&id).await {
                first_err.get_or_insert(e);
            }
        }
        first_err.map_or(Ok(()), Err)
    }
}
