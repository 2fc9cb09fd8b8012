//! Application variables and `fermyon:spin/variables@2.0.0`.
//!
//! A value is looked up, in order, in the caller's overrides (which a running host can change), the
//! `SPIN_VARIABLE_<NAME>` environment variable, and the manifest's `default`.

use crate::bindings::fermyon::spin::variables::{self, Error};
use crate::host::HostState;
use crate::manifest::VariableDecl;
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

/// Resolves application variables.
#[derive(Debug)]
pub struct Resolver {
    decls: BTreeMap<String, VariableDecl>,
    overrides: RwLock<HashMap<String, String>>,
}

impl Resolver {
    /// Creates a resolver and checks that every `required` variable has a value.
    pub fn new(decls: BTreeMap<String, VariableDecl>, overrides: HashMap<String, String>) -> Result<Self> {
        for name in overrides.keys() {
            if !decls.contains_key(name) {
                bail!("variable override {name:?} is not declared in [variables]");
            }
        }
        let resolver = Self { decls, overrides: RwLock::new(overrides) };
        for (name, decl) in &resolver.decls {
            if decl.required && resolver.get(name).is_none() {
                bail!(
                    "variable {name:?} is required but has no value (set SPIN_VARIABLE_{})",
                    name.to_ascii_uppercase()
                );
            }
        }
        Ok(resolver)
    }

    /// Sets (or replaces) an override; later lookups see the new value.
    pub fn set(&self, name: &str, value: &str) -> Result<()> {
        if !self.decls.contains_key(name) {
            bail!("variable {name:?} is not declared in [variables]");
        }
        self.overrides.write().expect("variables lock").insert(name.to_owned(), value.to_owned());
        Ok(())
    }

    /// The value of an application variable, if it has one.
    pub fn get(&self, name: &str) -> Option<String> {
        let decl = self.decls.get(name)?;
        if let Some(v) = self.overrides.read().expect("variables lock").get(name) {
            return Some(v.clone());
        }
        if let Ok(v) = std::env::var(format!("SPIN_VARIABLE_{}", name.to_ascii_uppercase())) {
            return Some(v);
        }
        decl.default.clone()
    }

    /// Expands `{{ var }}` references in `template`.
    pub fn expand(&self, template: &str) -> Result<String> {
        let mut out = String::new();
        for part in parse_template(template)? {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Var(name) => match self.get(name) {
                    Some(v) => out.push_str(&v),
                    None => bail!("no value for variable {name:?}"),
                },
            }
        }
        Ok(out)
    }
}

enum Part<'a> {
    Literal(&'a str),
    Var(&'a str),
}

fn parse_template(template: &str) -> Result<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            parts.push(Part::Literal(&rest[..start]));
        }
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            bail!("unterminated '{{{{' in template {template:?}");
        };
        let name = after[..end].trim();
        validate_name(name).map_err(|e| anyhow::anyhow!("in template {template:?}: {e}"))?;
        parts.push(Part::Var(name));
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest));
    }
    Ok(parts)
}

/// Checks that a template parses and references only declared variables.
pub fn check_template(template: &str, decls: &BTreeMap<String, VariableDecl>) -> Result<()> {
    for part in parse_template(template)? {
        if let Part::Var(name) = part {
            if !decls.contains_key(name) {
                bail!("template {template:?} refers to undeclared variable {name:?}");
            }
        }
    }
    Ok(())
}

/// Spin's variable name rule: lower-case ASCII letters, digits and single underscores, starting with a letter.
pub fn validate_name(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        return Err("must not be empty".into());
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("must start with a lower-case letter".into());
    }
    if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err("may contain only lower-case letters, digits and '_'".into());
    }
    if name.ends_with('_') || name.contains("__") {
        return Err("must not end with '_' or contain '__'".into());
    }
    Ok(())
}

impl variables::Host for HostState {
    fn get(&mut self, name: String) -> std::result::Result<String, Error> {
        validate_name(&name).map_err(|e| Error::InvalidName(format!("{name:?}: {e}")))?;
        let Some(template) = self.component.variables.get(&name) else {
            return Err(Error::Undefined(format!("no variable for {name:?}")));
        };
        self.app.variables.expand(template).map_err(|e| Error::Undefined(format!("{name:?}: {e}")))
    }
}
