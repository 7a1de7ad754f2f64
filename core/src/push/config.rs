//! Push channels and their console configuration (SPEC T1).

use crate::push::PushError;
use crate::redact::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The offline-push channels. The library bundles no vendor SDK: tokens
/// arrive as strings from whichever SDK the app chose (FAQ Q1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum PushVendor {
    /// Apple Push Notification service.
    Apns,
    /// Firebase Cloud Messaging.
    Fcm,
    /// Huawei Push Kit.
    Huawei,
    /// Honor Push.
    Honor,
    /// Xiaomi Push.
    Xiaomi,
    /// OPPO Push.
    Oppo,
    /// vivo Push.
    Vivo,
    /// Meizu Push.
    Meizu,
    /// Tencent Push Notification Service.
    Tpns,
}

impl PushVendor {
    /// Every vendor.
    pub const ALL: [PushVendor; 9] = [
        PushVendor::Apns,
        PushVendor::Fcm,
        PushVendor::Huawei,
        PushVendor::Honor,
        PushVendor::Xiaomi,
        PushVendor::Oppo,
        PushVendor::Vivo,
        PushVendor::Meizu,
        PushVendor::Tpns,
    ];

    /// The lower-case name used in files and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            PushVendor::Apns => "apns",
            PushVendor::Fcm => "fcm",
            PushVendor::Huawei => "huawei",
            PushVendor::Honor => "honor",
            PushVendor::Xiaomi => "xiaomi",
            PushVendor::Oppo => "oppo",
            PushVendor::Vivo => "vivo",
            PushVendor::Meizu => "meizu",
            PushVendor::Tpns => "tpns",
        }
    }
}

impl fmt::Display for PushVendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// APNs environment of a build or of a console certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum ApnsEnvironment {
    /// Development builds (`aps-environment = development`).
    Sandbox,
    /// App Store, TestFlight and ad-hoc builds.
    Production,
}

/// Android 8 (API 26) introduced notification channels; OPPO requires one from there on.
pub const ANDROID_O_API_LEVEL: u32 = 26;

/// One channel's configuration as entered in the console and the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PushChannelConfig {
    /// The channel; `None` is refused by [`PushChannelConfig::validate`].
    pub vendor: Option<PushVendor>,
    /// The console's certificate id (business id) for this channel; not 0.
    #[serde(default)]
    pub business_id: u64,
    /// The app's version; a change re-registers the token.
    #[serde(default)]
    pub app_version: String,
    /// APNs: the build's environment (required for APNs).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub environment: Option<ApnsEnvironment>,
    /// APNs: the environment of the certificate uploaded under `business_id`, when known.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub certificate_environment: Option<ApnsEnvironment>,
    /// Vendor app id, where the vendor has one.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub app_id: Option<String>,
    /// Vendor app key, where the vendor has one.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub app_key: Option<String>,
    /// Vendor app secret.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub app_secret: Option<Secret>,
    /// OPPO: the MasterSecret (not the AppSecret).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub master_secret: Option<Secret>,
    /// Android notification channel id (OPPO requires it on Android 8+).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub channel_id: Option<String>,
    /// The device's Android API level, when known (for the channel rule).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub android_api_level: Option<u32>,
}

impl PushChannelConfig {
    /// T1: checks the configuration; each problem is a typed error (6017).
    pub fn validate(&self) -> Result<PushVendor, PushError> {
        let invalid = |field: &str, reason: String| PushError::InvalidConfig {
            field: field.to_string(),
            reason,
        };
        let vendor = self
            .vendor
            .ok_or_else(|| invalid("vendor", "missing".to_string()))?;
        if self.business_id == 0 {
            return Err(invalid(
                "business_id",
                format!("{vendor}: the console's certificate id (business id) is required"),
            ));
        }
        match vendor {
            PushVendor::Apns => {
                let env = self.environment.ok_or_else(|| {
                    invalid(
                        "environment",
                        "APNs needs sandbox or production".to_string(),
                    )
                })?;
                if let Some(cert) = self.certificate_environment.filter(|c| *c != env) {
                    return Err(invalid(
                        "environment",
                        format!(
                            "the build is {env:?} but certificate {} is {cert:?}",
                            self.business_id
                        ),
                    ));
                }
            }
            PushVendor::Oppo => {
                match (&self.master_secret, &self.app_secret) {
                    (None, _) => {
                        return Err(invalid(
                            "master_secret",
                            "OPPO needs the MasterSecret (not the AppSecret)".to_string(),
                        ))
                    }
                    (Some(m), _) if m.is_blank() => {
                        return Err(invalid(
                            "master_secret",
                            "OPPO MasterSecret is empty".to_string(),
                        ))
                    }
                    (Some(m), Some(a)) if m == a => {
                        return Err(invalid(
                            "master_secret",
                            "the MasterSecret equals the AppSecret: OPPO needs the MasterSecret"
                                .to_string(),
                        ))
                    }
                    _ => {}
                }
                let needs_channel = self
                    .android_api_level
                    .is_none_or(|l| l >= ANDROID_O_API_LEVEL);
                if needs_channel
                    && self
                        .channel_id
                        .as_deref()
                        .is_none_or(|c| c.trim().is_empty())
                {
                    return Err(invalid(
                        "channel_id",
                        "OPPO needs a notification channel id on Android 8+".to_string(),
                    ));
                }
            }
            _ => {}
        }
        Ok(vendor)
    }

    /// What a registration depends on: a change of any re-registers (T2).
    pub fn registration_key(&self) -> RegistrationKey {
        RegistrationKey {
            business_id: self.business_id,
            environment: self.environment,
            app_version: self.app_version.clone(),
        }
    }
}

/// The configuration facts a registration was made under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RegistrationKey {
    /// Certificate id.
    pub business_id: u64,
    /// APNs environment.
    pub environment: Option<ApnsEnvironment>,
    /// App version.
    pub app_version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vendor: PushVendor) -> PushChannelConfig {
        PushChannelConfig {
            vendor: Some(vendor),
            business_id: 12345,
            app_version: "1.0".into(),
            ..PushChannelConfig::default()
        }
    }

    #[test]
    fn t1_business_id_is_required_for_every_vendor() {
        for v in PushVendor::ALL {
            let c = PushChannelConfig {
                business_id: 0,
                ..config(v)
            };
            assert!(
                matches!(c.validate(), Err(PushError::InvalidConfig { ref field, .. }) if field == "business_id"),
                "{v}"
            );
        }
    }

    #[test]
    fn t1_apns_needs_an_environment_matching_the_certificate() {
        let mut c = config(PushVendor::Apns);
        assert!(c.validate().is_err());
        c.environment = Some(ApnsEnvironment::Production);
        assert_eq!(c.validate(), Ok(PushVendor::Apns));
        c.certificate_environment = Some(ApnsEnvironment::Sandbox);
        assert!(
            matches!(c.validate(), Err(PushError::InvalidConfig { ref field, .. }) if field == "environment")
        );
    }

    #[test]
    fn t1_oppo_needs_the_master_secret_not_the_app_secret() {
        let mut c = config(PushVendor::Oppo);
        c.channel_id = Some("im".into());
        c.app_secret = Some(Secret::new("app-secret"));
        assert!(
            matches!(c.validate(), Err(PushError::InvalidConfig { ref field, .. }) if field == "master_secret")
        );
        c.master_secret = Some(Secret::new("app-secret"));
        assert!(c.validate().is_err(), "AppSecret pasted as MasterSecret");
        c.master_secret = Some(Secret::new("master-secret"));
        assert_eq!(c.validate(), Ok(PushVendor::Oppo));
    }

    #[test]
    fn t1_oppo_needs_a_channel_on_android_8_and_later() {
        let mut c = config(PushVendor::Oppo);
        c.master_secret = Some(Secret::new("m"));
        assert!(c.validate().is_err(), "unknown API level: required");
        c.android_api_level = Some(25);
        assert!(c.validate().is_ok());
        c.android_api_level = Some(26);
        assert!(c.validate().is_err());
    }

    #[test]
    fn t1_vendor_names_are_the_file_and_cli_spellings() {
        let names: Vec<String> = PushVendor::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            ["apns", "fcm", "huawei", "honor", "xiaomi", "oppo", "vivo", "meizu", "tpns"]
        );
        for v in PushVendor::ALL {
            // The name the state files and scenarios are written with (serde).
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.name())
            );
        }
    }

    #[test]
    fn t1_oppo_blank_master_secret_is_refused_as_empty() {
        let mut c = config(PushVendor::Oppo);
        c.android_api_level = Some(25);
        c.master_secret = Some(Secret::new("   "));
        let error = c.validate().unwrap_err();
        assert!(
            matches!(error, PushError::InvalidConfig { ref field, ref reason }
                if field == "master_secret" && reason.contains("empty")),
            "{error:?}"
        );
    }

    #[test]
    fn t5_config_debug_hides_secrets() {
        let mut c = config(PushVendor::Oppo);
        c.master_secret = Some(Secret::new("very-secret-master"));
        assert!(!format!("{c:?}").contains("very-secret-master"));
    }
}
