//! Push state that survives restarts (SPEC T4): a versioned JSON snapshot,
//! replaced atomically (temp file, fsync, rename, fsync of the directory).

use crate::push::{PushError, PushFacts, PushVendor};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The snapshot format this version writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct Snapshot {
    version: u64,
    vendor: PushVendor,
    facts: PushFacts,
}

/// One channel's state file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushStore {
    path: PathBuf,
}

impl PushStore {
    /// The store of `vendor` in `data_dir`: `push-<vendor>.json`.
    pub fn in_dir(data_dir: &Path, vendor: PushVendor) -> PushStore {
        PushStore {
            path: data_dir.join(format!("push-{}.json", vendor.name())),
        }
    }

    /// A store at an explicit path.
    pub fn at(path: impl Into<PathBuf>) -> PushStore {
        PushStore { path: path.into() }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// Writes `facts` atomically: a crash leaves either the old file or the new one.
    pub fn save(&self, vendor: PushVendor, facts: &PushFacts) -> Result<(), PushError> {
        let io = |e: std::io::Error| PushError::Io {
            path: self.shown(),
            reason: e.to_string(),
        };
        let json = serde_json::to_vec_pretty(&Snapshot {
            version: SNAPSHOT_VERSION,
            vendor,
            facts: facts.clone(),
        })
        .map_err(|e| PushError::Io {
            path: self.shown(),
            reason: e.to_string(),
        })?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let file_name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
        let mut file = File::create(&temp).map_err(io)?;
        file.write_all(&json).map_err(io)?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::rename(&temp, &self.path).map_err(io)?;
        // The rename itself is durable only once the directory is synced.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Reads the snapshot: `Ok(None)` when there is none yet; a corrupt
    /// file, another vendor's file or an unknown version is a typed error
    /// (the caller resets to NoToken).
    pub fn load(&self, vendor: PushVendor) -> Result<Option<PushFacts>, PushError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(PushError::Io {
                    path: self.shown(),
                    reason: e.to_string(),
                })
            }
        };
        self.decode(vendor, &bytes).map(Some)
    }

    /// Decodes the bytes of a snapshot file as [`PushStore::load`] does:
    /// anything but a complete snapshot of this version and `vendor` is a
    /// typed error naming this store's path.
    pub fn decode(&self, vendor: PushVendor, bytes: &[u8]) -> Result<PushFacts, PushError> {
        let corrupt = |reason: String| PushError::CorruptState {
            path: self.shown(),
            reason,
        };
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(SNAPSHOT_VERSION) => {}
            Some(version) => {
                return Err(PushError::UnknownVersion {
                    path: self.shown(),
                    version,
                })
            }
            None => return Err(corrupt("no version".to_string())),
        }
        let snapshot: Snapshot =
            serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        if snapshot.vendor != vendor {
            return Err(corrupt(format!(
                "holds {} state, not {vendor}",
                snapshot.vendor
            )));
        }
        Ok(snapshot.facts)
    }
}

impl crate::push::PushMachine {
    /// T4: resumes a channel from `store`. No file: a fresh machine
    /// (Disabled). A corrupt, unreadable, foreign or unknown-version file:
    /// a machine reset to NoToken, and the error beside it — never a crash,
    /// never a half-read state. Only an invalid `config` is an `Err`.
    pub fn restore(
        config: crate::push::PushChannelConfig,
        store: &PushStore,
    ) -> Result<(crate::push::PushMachine, Option<PushError>), PushError> {
        let vendor = config.validate()?;
        match store.load(vendor) {
            Ok(Some(facts)) => Ok((crate::push::PushMachine::with_facts(config, facts)?, None)),
            Ok(None) => Ok((crate::push::PushMachine::new(config)?, None)),
            Err(e) => {
                log::warn!(target: "imbridge::push", "{e}");
                let reset = PushFacts {
                    state: crate::push::PushState::NoToken,
                    ..PushFacts::default()
                };
                Ok((
                    crate::push::PushMachine::with_facts(config, reset)?,
                    Some(e),
                ))
            }
        }
    }

    /// T4: feeds one event and saves the new state when it changed (an
    /// event that changes nothing, like most ticks, writes nothing). An
    /// invalid event changes and writes nothing; `Io` means the state
    /// changed in memory but could not be saved.
    pub fn handle_and_save(
        &mut self,
        now_ms: u64,
        event: crate::push::PushEvent,
        store: &PushStore,
    ) -> Result<Vec<crate::push::PushAction>, PushError> {
        let before = self.facts().clone();
        let actions = self.handle(now_ms, event)?;
        if *self.facts() != before {
            self.save(store)?;
        }
        Ok(actions)
    }

    /// T4: persists the machine's facts atomically.
    pub fn save(&self, store: &PushStore) -> Result<(), PushError> {
        let vendor = self.config().validate()?;
        store.save(vendor, self.facts())
    }
}
