//! `devhost`: serve a Spin app without Spin.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(about = "A Spin-compatible host for LAPOR's components")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(clap::Args)]
struct Common {
    /// The application manifest.
    #[arg(long, default_value = "spin.toml")]
    manifest: PathBuf,
    /// Where SQLite and key-value data live (default: .spin beside the manifest).
    #[arg(long)]
    state_dir: Option<PathBuf>,
    /// Don't run the components' build commands first.
    #[arg(long)]
    skip_build: bool,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build the components and serve the HTTP trigger.
    Up {
        #[command(flatten)]
        common: Common,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        listen: SocketAddr,
        /// Fire the cron component(s) every SECS seconds.
        #[arg(long, value_name = "SECS")]
        sweep_every: Option<u64>,
    },
    /// Fire every cron component once, then exit.
    Cron {
        #[command(flatten)]
        common: Common,
    },
    /// Only run the build commands.
    Build {
        /// The application manifest.
        #[arg(long, default_value = "spin.toml")]
        manifest: PathBuf,
    },
}

fn config(common: Common) -> devhost::Config {
    let mut config = devhost::Config::new(common.manifest);
    if let Some(dir) = common.state_dir {
        config.state_dir = dir;
    }
    config.build = !common.skip_build;
    config
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Cmd::Up { common, listen, sweep_every } => {
            let mut config = config(common);
            config.listen = listen;
            config.cron_every = sweep_every.map(Duration::from_secs);
            let running = devhost::start(config)?;
            println!("Serving {}", running.url());
            for (route, component) in running.app().manifest().http_triggers.iter().map(|t| (&t.route, &t.component)) {
                println!("  {component}: {}{route}", running.url());
            }
            // Serve until interrupted.
            loop {
                std::thread::park();
            }
        }
        Cmd::Cron { common } => {
            let config = config(common);
            if config.build {
                devhost::build_manifest(&config.manifest)?;
            }
            let app =
                devhost::App::load(&config.manifest, &config.state_dir, config.cache_dir.as_deref(), config.variables)?;
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(app.fire_all_crons())
        }
        Cmd::Build { manifest } => devhost::build_manifest(&manifest),
    }
}
