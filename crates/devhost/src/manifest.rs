//! Loading `spin.toml` (manifest version 2): the parts of it devhost implements.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A parsed Spin application manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Directory holding `spin.toml`; relative paths in the manifest are resolved against it.
    pub dir: PathBuf,
    /// Application variables (`[variables]`), by name.
    pub variables: BTreeMap<String, VariableDecl>,
    /// `[[trigger.http]]` entries in manifest order.
    pub http_triggers: Vec<HttpTrigger>,
    /// `[[trigger.cron]]` entries in manifest order.
    pub cron_triggers: Vec<CronTrigger>,
    /// `[component.<id>]` tables, by component id.
    pub components: BTreeMap<String, ComponentDecl>,
}

/// One `[variables]` entry.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VariableDecl {
    /// Value used when no provider supplies one.
    #[serde(default)]
    pub default: Option<String>,
    /// Startup fails if no value can be found.
    #[serde(default)]
    pub required: bool,
    /// Marked secret (devhost treats it like any other variable).
    #[serde(default)]
    pub secret: bool,
}

/// One `[[trigger.http]]` entry.
#[derive(Debug, Clone)]
pub struct HttpTrigger {
    /// The route as written (`/api/...`, `/items/:id`, `/exact`).
    pub route: String,
    /// Component id.
    pub component: String,
}

/// One `[[trigger.cron]]` entry.
#[derive(Debug, Clone, Deserialize)]
pub struct CronTrigger {
    /// Component id.
    pub component: String,
    /// Six-field cron expression (seconds first).
    pub cron_expression: String,
}

/// One `[component.<id>]` table.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ComponentDecl {
    /// Path of the `.wasm` file, relative to the manifest directory.
    pub source: String,
    /// SQLite databases the component may open.
    #[serde(default)]
    pub sqlite_databases: Vec<String>,
    /// Key-value stores the component may open.
    #[serde(default)]
    pub key_value_stores: Vec<String>,
    /// Outbound HTTP destinations, possibly with `{{ var }}` templates.
    #[serde(default)]
    pub allowed_outbound_hosts: Vec<String>,
    /// Component variables: name → template over application variables.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Environment variables given to the guest.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// How to build the component.
    #[serde(default)]
    pub build: Option<BuildDecl>,
}

/// `[component.<id>.build]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BuildDecl {
    /// Shell command run with `sh -c`.
    pub command: String,
    /// Working directory relative to the manifest directory (default: the manifest directory).
    #[serde(default)]
    pub workdir: Option<String>,
}

#[derive(Deserialize)]
struct RawManifest {
    spin_manifest_version: u32,
    #[serde(default)]
    variables: BTreeMap<String, VariableDecl>,
    #[serde(default)]
    trigger: RawTriggers,
    #[serde(default)]
    component: BTreeMap<String, ComponentDecl>,
}

#[derive(Deserialize, Default)]
struct RawTriggers {
    #[serde(default)]
    http: Vec<RawHttpTrigger>,
    #[serde(default)]
    cron: Vec<CronTrigger>,
}

#[derive(Deserialize)]
struct RawHttpTrigger {
    route: RawRoute,
    component: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRoute {
    Route(String),
    Private { private: bool },
}

impl Manifest {
    /// Reads and validates the manifest at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading manifest {}", path.display()))?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        Self::parse(&text, dir).with_context(|| format!("invalid manifest {}", path.display()))
    }

    /// Parses manifest text; `dir` is the directory relative paths are resolved against.
    pub fn parse(text: &str, dir: PathBuf) -> Result<Self> {
        let raw: RawManifest = toml::from_str(text)?;
        if raw.spin_manifest_version != 2 {
            bail!("spin_manifest_version {} is not supported (only 2)", raw.spin_manifest_version);
        }
        let mut http_triggers = Vec::new();
        for t in raw.trigger.http {
            match t.route {
                RawRoute::Route(route) => http_triggers.push(HttpTrigger { route, component: t.component }),
                RawRoute::Private { private: true } => {}
                RawRoute::Private { private: false } => {
                    bail!("route must be a string pattern or '{{ private = true }}': component '{}'", t.component)
                }
            }
        }
        let manifest = Manifest {
            dir,
            variables: raw.variables,
            http_triggers,
            cron_triggers: raw.trigger.cron,
            components: raw.component,
        };
        manifest.validate()?;
        Ok(manifest)
    }

    fn validate(&self) -> Result<()> {
        for name in self.variables.keys() {
            crate::variables::validate_name(name).map_err(|e| anyhow::anyhow!("application variable {name:?}: {e}"))?;
        }
        let triggered =
            self.http_triggers.iter().map(|t| &t.component).chain(self.cron_triggers.iter().map(|t| &t.component));
        for id in triggered {
            if !self.components.contains_key(id) {
                bail!("trigger refers to unknown component {id:?}");
            }
        }
        for (id, c) in &self.components {
            for label in &c.sqlite_databases {
                if label != "default" {
                    bail!("component {id:?} uses SQLite database {label:?}, which is not defined (devhost only has \"default\")");
                }
            }
            for label in &c.key_value_stores {
                if label != "default" {
                    bail!("component {id:?} uses key-value store {label:?}, which is not defined (devhost only has \"default\")");
                }
            }
            for (name, template) in &c.variables {
                crate::variables::validate_name(name)
                    .map_err(|e| anyhow::anyhow!("component {id:?} variable {name:?}: {e}"))?;
                crate::variables::check_template(template, &self.variables)
                    .with_context(|| format!("component {id:?} variable {name:?}"))?;
            }
            for host in &c.allowed_outbound_hosts {
                crate::variables::check_template(host, &self.variables)
                    .with_context(|| format!("component {id:?} allowed_outbound_hosts"))?;
            }
        }
        Ok(())
    }

    /// Absolute-or-manifest-relative path of a component's wasm file.
    pub fn source_path(&self, component: &ComponentDecl) -> PathBuf {
        self.dir.join(&component.source)
    }
}
