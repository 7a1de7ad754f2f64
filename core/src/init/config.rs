//! The configuration an instance is created with (SPEC I1).

use crate::init::InitError;

/// What an instance is created with. Two inits with equal configs share the
/// instance; a different config is refused with what differs (I1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InitConfig {
    /// The app's SDKAppID from the console (must not be 0).
    pub sdk_app_id: u64,
    /// Directory for the instance's files (lock, persisted state). Must be
    /// absolute; on Android the app's files dir, on iOS the app group or
    /// Application Support directory.
    pub data_dir: String,
}

impl InitConfig {
    /// Checks the fields (6017).
    pub fn validate(&self) -> Result<(), InitError> {
        if self.sdk_app_id == 0 {
            return Err(InitError::InvalidConfig {
                field: "sdk_app_id".into(),
                reason: "0 is not an SDKAppID; copy it from the console".into(),
            });
        }
        if !std::path::Path::new(&self.data_dir).is_absolute() {
            return Err(InitError::InvalidConfig {
                field: "data_dir".into(),
                reason: format!("{:?} is not an absolute path", self.data_dir),
            });
        }
        Ok(())
    }

    /// What differs from `requested`, one `field: live → requested` entry per field.
    pub fn differences(&self, requested: &InitConfig) -> Vec<String> {
        let mut out = Vec::new();
        if self.sdk_app_id != requested.sdk_app_id {
            out.push(format!(
                "sdk_app_id: {} → {}",
                self.sdk_app_id, requested.sdk_app_id
            ));
        }
        if self.data_dir != requested.data_dir {
            out.push(format!(
                "data_dir: {:?} → {:?}",
                self.data_dir, requested.data_dir
            ));
        }
        out
    }
}
