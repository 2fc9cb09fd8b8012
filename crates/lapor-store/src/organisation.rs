//! Instansi (government bodies) and their OPDs (work units): listing and editing. Every province and
//! regency is an instansi (`0002_regions.sql`) with default OPDs and an Inspektorat (`0004_staff.sql`).

use crate::action::{touched, ActionError};
use crate::db::{select, transaction, Db, Row, StoreError};
use crate::params;

/// Instansi kinds an admin may create (provinces and regencies come from the area data).
pub const CREATABLE_KINDS: &[&str] = &["ministry", "agency", "bumn", "university", "embassy", "other"];

/// An instansi.
#[derive(Debug, Clone, PartialEq)]
pub struct Instansi {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_code: Option<String>,
    pub time_zone: String,
    pub active: bool,
}

/// An OPD of an instansi.
#[derive(Debug, Clone, PartialEq)]
pub struct Opd {
    pub id: i64,
    pub instansi_id: i64,
    pub code: String,
    pub name: String,
    pub is_inspektorat: bool,
    pub active: bool,
}

const INSTANSI_SELECT: &str = "SELECT id, code, name, kind, region_code, time_zone, active FROM instansi";
const OPD_SELECT: &str = "SELECT id, instansi_id, code, name, is_inspektorat, active FROM opds";

fn instansi(r: &Row) -> Instansi {
    Instansi {
        id: r.int(0),
        code: r.text(1),
        name: r.text(2),
        kind: r.text(3),
        region_code: r.opt_text(4),
        time_zone: r.text(5),
        active: r.int(6) == 1,
    }
}

fn opd(r: &Row) -> Opd {
    Opd {
        id: r.int(0),
        instansi_id: r.int(1),
        code: r.text(2),
        name: r.text(3),
        is_inspektorat: r.int(4) == 1,
        active: r.int(5) == 1,
    }
}

/// Instansi whose name or code contains `q` (all when empty), optionally of one kind, by name; at most `limit`.
pub fn list_instansi(db: &dyn Db, q: &str, kind: Option<&str>, limit: i64) -> Result<Vec<Instansi>, StoreError> {
    let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    select(
        db,
        &format!(
            "{INSTANSI_SELECT} WHERE (name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\') AND (? IS NULL OR kind = ?) \
             ORDER BY name LIMIT ?"
        ),
        params![like.as_str(), like.as_str(), kind, kind, limit],
        instansi,
    )
}

/// One instansi by id.
pub fn get_instansi(db: &dyn Db, id: i64) -> Result<Option<Instansi>, StoreError> {
    Ok(db.query_row(&format!("{INSTANSI_SELECT} WHERE id = ?"), params![id])?.map(|r| instansi(&r)))
}

/// The local government of a region (province or regency code), if it is an active instansi.
pub fn instansi_for_region(db: &dyn Db, region_code: &str) -> Result<Option<i64>, StoreError> {
    Ok(db
        .query_row(
            "SELECT id FROM instansi WHERE region_code = ? AND kind IN ('province', 'regency') AND active = 1",
            params![region_code],
        )?
        .map(|r| r.int(0)))
}

/// Adds a ministry, agency, BUMN, … (code and kind checked by the caller) with its Inspektorat, in one
/// transaction: either both exist afterwards or neither.
pub fn create_instansi(db: &dyn Db, code: &str, name: &str, kind: &str, time_zone: &str) -> Result<i64, ActionError> {
    transaction(db, |db| insert_instansi(db, code, name, kind, time_zone))
}

fn insert_instansi(db: &dyn Db, code: &str, name: &str, kind: &str, time_zone: &str) -> Result<i64, ActionError> {
    match db.execute(
        "INSERT INTO instansi (code, name, kind, time_zone) VALUES (?, ?, ?, ?)",
        params![code, name, kind, time_zone],
    ) {
        Ok(_) => {}
        Err(e) if e.is_unique_on("instansi.code") => {
            return Err(ActionError::Invalid("code", "code_taken", lapor_core::messages::CODE_TAKEN.into()))
        }
        Err(e) => return Err(e.into()),
    }
    let id = db.last_insert_rowid()?;
    db.execute(
        "INSERT INTO opds (instansi_id, code, name, is_inspektorat) VALUES (?, 'inspektorat', ?, 1)",
        params![id, format!("Inspektorat {name}")],
    )?;
    Ok(id)
}

/// Renames or (de)activates an instansi.
pub fn update_instansi(db: &dyn Db, id: i64, name: Option<&str>, active: Option<bool>) -> Result<(), ActionError> {
    touched(
        db,
        "UPDATE instansi SET name = COALESCE(?, name), active = COALESCE(?, active) WHERE id = ? RETURNING id",
        params![name, active, id],
        "instansi",
    )?;
    Ok(())
}

/// The OPDs of an instansi (inactive ones too), Inspektorat last.
pub fn list_opds(db: &dyn Db, instansi_id: i64) -> Result<Vec<Opd>, StoreError> {
    let rows =
        db.execute(&format!("{OPD_SELECT} WHERE instansi_id = ? ORDER BY is_inspektorat, name"), params![instansi_id])?;
    Ok(rows.rows.iter().map(opd).collect())
}

/// One OPD by id.
pub fn get_opd(db: &dyn Db, id: i64) -> Result<Option<Opd>, StoreError> {
    Ok(db.query_row(&format!("{OPD_SELECT} WHERE id = ?"), params![id])?.map(|r| opd(&r)))
}

/// The active OPD of an instansi with the given code.
pub fn find_opd_by_code(db: &dyn Db, instansi_id: i64, code: &str) -> Result<Option<Opd>, StoreError> {
    Ok(db
        .query_row(
            &format!("{OPD_SELECT} WHERE instansi_id = ? AND code = ? AND active = 1"),
            params![instansi_id, code],
        )?
        .map(|r| opd(&r)))
}

/// The regencies and cities of a province (by the province's region code), by name.
pub fn regencies_of(db: &dyn Db, province_region_code: &str) -> Result<Vec<Instansi>, StoreError> {
    select(
        db,
        &format!("{INSTANSI_SELECT} WHERE kind = 'regency' AND region_code LIKE ? || '.%' ORDER BY name"),
        params![province_region_code],
        instansi,
    )
}

/// Every instansi, by name.
pub fn all_instansi(db: &dyn Db) -> Result<Vec<Instansi>, StoreError> {
    select(db, &format!("{INSTANSI_SELECT} ORDER BY name"), &[], instansi)
}

/// The OPD codes of an instansi (inactive ones too).
pub fn opd_codes(db: &dyn Db, instansi_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(db
        .execute("SELECT code FROM opds WHERE instansi_id = ?", params![instansi_id])?
        .rows
        .iter()
        .map(|r| r.text(0))
        .collect())
}

/// Adds the OPDs of an import (checked by `lapor_core::organisation::parse_opd_import`) in one transaction:
/// all of them, or none (a code taken meanwhile refuses the whole import). Returns their ids.
pub fn import_opds(
    db: &dyn Db,
    instansi_id: i64,
    rows: &[lapor_core::organisation::ImportRow],
) -> Result<Vec<i64>, ActionError> {
    crate::db::transaction(db, |db| {
        rows.iter()
            .map(|r| {
                create_opd(db, instansi_id, &r.code, &r.name).map_err(|e| match e {
                    ActionError::Invalid(_, code, m) => {
                        ActionError::Invalid("rows", code, format!("baris {}: {m}", r.line))
                    }
                    e => e,
                })
            })
            .collect()
    })
}

/// Adds an OPD to an instansi.
pub fn create_opd(db: &dyn Db, instansi_id: i64, code: &str, name: &str) -> Result<i64, ActionError> {
    match db.execute("INSERT INTO opds (instansi_id, code, name) VALUES (?, ?, ?)", params![instansi_id, code, name]) {
        Ok(_) => Ok(db.last_insert_rowid()?),
        Err(e) if e.is_unique_on("opds.") => {
            Err(ActionError::Invalid("code", "code_taken", lapor_core::messages::OPD_CODE_TAKEN.into()))
        }
        Err(StoreError::Constraint(m)) if m.contains("FOREIGN KEY") => Err(ActionError::NotFound("instansi")),
        Err(e) => Err(e.into()),
    }
}

/// Renames or (de)activates an OPD.
pub fn update_opd(db: &dyn Db, id: i64, name: Option<&str>, active: Option<bool>) -> Result<(), ActionError> {
    touched(
        db,
        "UPDATE opds SET name = COALESCE(?, name), active = COALESCE(?, active) WHERE id = ? RETURNING id",
        params![name, active, id],
        "opd",
    )?;
    Ok(())
}
