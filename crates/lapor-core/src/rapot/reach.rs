//! Who sees which rapot, and who may issue one.
//!
//! - The national admin sees every instansi (provinces, regencies, ministries, agencies, BUMN).
//! - A leader or Inspektorat of a **province** sees the province's own OPDs and every regency/city of the
//!   province side by side (the governor's view); of any other instansi, just that instansi.
//! - An instansi admin sees their own instansi's rapot.
//! - A rapot is issued (frozen) by the leader of the instansi, or by the national admin.
//!
//! Anyone else (a liaison, the Ombudsman) has no rapot.

use crate::roles::{Role, Staff};

/// What the rules need to know about an instansi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: i64,
    /// `province`, `regency`, `ministry`, …
    pub kind: String,
    /// The region of a local government (`17`, `17.71`).
    pub region_code: Option<String>,
}

impl Body {
    /// Whether this is a regency/city of the province `province`.
    pub fn is_regency_of(&self, province: &Body) -> bool {
        province.kind == "province"
            && self.kind == "regency"
            && match (&province.region_code, &self.region_code) {
                (Some(p), Some(r)) => r.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with('.')),
                _ => false,
            }
    }
}

/// Whether the staff member has any rapot at all.
pub fn has_rapot(staff: &Staff) -> bool {
    staff.has_role(Role::NationalAdmin) || !homes(staff).is_empty()
}

/// The instansi whose rapot the staff member holds by role (leader, Inspektorat, instansi admin), with the role.
pub fn homes(staff: &Staff) -> Vec<(i64, Role)> {
    staff
        .assignments
        .iter()
        .filter(|a| matches!(a.role, Role::Leader | Role::Inspektorat | Role::InstansiAdmin))
        .filter_map(|a| a.instansi_id.map(|i| (i, a.role)))
        .collect()
}

/// Whether the staff member may see the rapot of `target`, given their home instansi (`homes`, each with the
/// role held there, as bodies).
pub fn may_view(staff: &Staff, homes: &[(Body, Role)], target: &Body) -> bool {
    staff.has_role(Role::NationalAdmin)
        || homes.iter().any(|(home, role)| {
            home.id == target.id || (matches!(role, Role::Leader | Role::Inspektorat) && target.is_regency_of(home))
        })
}

/// Whether the staff member may issue (freeze) the rapot of instansi `target`.
pub fn may_issue(staff: &Staff, target: i64) -> bool {
    staff.has_role(Role::NationalAdmin)
        || staff.assignments.iter().any(|a| a.role == Role::Leader && a.instansi_id == Some(target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Assignment;

    fn staff(role: Role, instansi_id: Option<i64>) -> Staff {
        Staff { account_id: 1, assignments: vec![Assignment { id: 1, role, instansi_id, opd_id: None }] }
    }

    fn body(id: i64, kind: &str, region: Option<&str>) -> Body {
        Body { id, kind: kind.into(), region_code: region.map(Into::into) }
    }

    #[test]
    fn a_governor_sees_the_province_and_its_regencies_only() {
        let bengkulu = body(1, "province", Some("17"));
        let kota = body(2, "regency", Some("17.71"));
        let bateng = body(3, "regency", Some("19.04"));
        let babel = body(4, "province", Some("19"));
        // "1" is a prefix of "17.71" but not its province.
        let one = body(5, "province", Some("1"));
        let governor = staff(Role::Leader, Some(1));
        let homes = [(bengkulu.clone(), Role::Leader)];
        assert!(may_view(&governor, &homes, &bengkulu));
        assert!(may_view(&governor, &homes, &kota));
        assert!(!may_view(&governor, &homes, &bateng));
        assert!(!may_view(&governor, &homes, &babel));
        assert!(!kota.is_regency_of(&one));
        assert!(may_issue(&governor, 1) && !may_issue(&governor, 2));
    }

    #[test]
    fn a_mayor_an_admin_and_a_liaison() {
        let kota = body(2, "regency", Some("17.71"));
        let bengkulu = body(1, "province", Some("17"));
        let mayor = staff(Role::Leader, Some(2));
        assert!(may_view(&mayor, &[(kota.clone(), Role::Leader)], &kota));
        assert!(!may_view(&mayor, &[(kota.clone(), Role::Leader)], &bengkulu));
        // A province's instansi admin sees the province's own rapot, not the regencies'.
        let padmin = staff(Role::InstansiAdmin, Some(1));
        assert!(!may_view(&padmin, &[(bengkulu.clone(), Role::InstansiAdmin)], &kota));
        assert!(!may_issue(&padmin, 1));
        let liaison = Staff {
            account_id: 1,
            assignments: vec![Assignment { id: 1, role: Role::OpdLiaison, instansi_id: Some(2), opd_id: Some(9) }],
        };
        assert!(!has_rapot(&liaison) && homes(&liaison).is_empty());
        assert!(has_rapot(&staff(Role::NationalAdmin, None)));
        assert!(may_view(&staff(Role::NationalAdmin, None), &[], &kota));
        assert!(may_issue(&staff(Role::NationalAdmin, None), 2));
    }
}
