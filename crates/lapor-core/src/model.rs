//! The vocabulary of a report: kinds, categories, visibility and channels.

/// Declares a closed set of values with a stable lower-case wire name for each,
/// `as_str`, `parse`, `ALL`, and serde support through the wire name.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire name (exact, lower-case).
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use wire_enum;

wire_enum!(
    /// What the citizen is sending.
    Kind {
        /// A complaint about poor public service.
        Pengaduan = "pengaduan",
        /// An aspiration or suggestion.
        Aspirasi = "aspirasi",
        /// A request for public information.
        PermintaanInformasi = "permintaan_informasi",
    }
);

wire_enum!(
    /// The subject area, used for routing to an OPD and for statistics.
    Category {
        Infrastruktur = "infrastruktur",
        Kesehatan = "kesehatan",
        Pendidikan = "pendidikan",
        /// Civil-servant discipline (kepegawaian/disiplin).
        Kepegawaian = "kepegawaian",
        /// Transport and communications (transportasi & perhubungan).
        Transportasi = "transportasi",
        /// Population registry: KTP, KK, birth certificates.
        Kependudukan = "kependudukan",
        Lingkungan = "lingkungan",
        Sosial = "sosial",
        Ketertiban = "ketertiban",
        Lainnya = "lainnya",
    }
);

impl Category {
    /// Label in Bahasa Indonesia.
    pub fn label_id(self) -> &'static str {
        match self {
            Category::Infrastruktur => "Infrastruktur",
            Category::Kesehatan => "Kesehatan",
            Category::Pendidikan => "Pendidikan",
            Category::Kepegawaian => "Kepegawaian/Disiplin",
            Category::Transportasi => "Transportasi & Perhubungan",
            Category::Kependudukan => "Kependudukan",
            Category::Lingkungan => "Lingkungan Hidup",
            Category::Sosial => "Sosial",
            Category::Ketertiban => "Ketertiban Umum",
            Category::Lainnya => "Lainnya",
        }
    }
}

wire_enum!(
    /// Who may see the report.
    Visibility {
        /// Everything but personal data is public.
        Public = "public",
        /// The reporter's identity is hidden from the instansi, the OPD and the public (the national admin sees it).
        Anonymous = "anonymous",
        /// The whole report is hidden from the public.
        Confidential = "confidential",
    }
);

impl Visibility {
    /// Whether reporters of duplicates merged into a report of this visibility may be told its content (the
    /// answers, its tracking ID). Only for a public report: a follower must never learn through the merge what
    /// they could not read themselves.
    pub fn shares_with_followers(self) -> bool {
        self == Visibility::Public
    }
}

wire_enum!(
    /// How the report reached LAPOR.
    Channel {
        /// The web form or the JSON API used by the mobile apps.
        Web = "web",
        /// SMS to 1708.
        Sms = "sms",
        /// A post on X mentioning @lapor1708 or carrying #lapor.
        X = "x",
        /// An Open311 GeoReport v2 client.
        Open311 = "open311",
        /// Paper or service desk, entered by staff on the citizen's behalf.
        Offline = "offline",
    }
);

impl Channel {
    /// The channel's name for people.
    pub fn label(self) -> crate::texts::Text {
        use crate::texts::common;
        match self {
            Channel::Web => common::CHANNEL_WEB,
            Channel::Sms => common::CHANNEL_SMS,
            Channel::X => common::CHANNEL_X,
            Channel::Open311 => common::CHANNEL_OPEN311,
            Channel::Offline => common::CHANNEL_OFFLINE,
        }
    }
}

impl Kind {
    /// The kind's name for people.
    pub fn label(self) -> crate::texts::Text {
        use crate::texts::intake;
        match self {
            Kind::Pengaduan => intake::COMPLAINT,
            Kind::Aspirasi => intake::ASPIRATION,
            Kind::PermintaanInformasi => intake::INFORMATION_REQUEST,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
        }
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(*v));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
    }

    #[test]
    fn unknown_and_wrong_case_names_are_rejected() {
        assert_eq!(Kind::parse("complaint"), None);
        assert_eq!(Kind::parse("Pengaduan"), None);
        assert_eq!(Category::parse(""), None);
        assert_eq!(Visibility::parse("secret"), None);
    }

    #[test]
    fn serializes_as_wire_name() {
        assert_eq!(serde_json::to_string(&Kind::PermintaanInformasi).unwrap(), "\"permintaan_informasi\"");
    }
}
