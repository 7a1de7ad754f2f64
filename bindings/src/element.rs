//! Message elements across the FFI (SPEC M1).

use crate::error::{invalid_field, MessageError};
use imbridge_core::message::element::{self as core, Extra};

/// One rendition of an image.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ImageInfo {
    /// `Type` on the wire: 1 original, 2 large, 3 thumbnail.
    pub kind: u32,
    /// Size in bytes.
    #[uniffi(default)]
    pub size: u64,
    /// Width in pixels.
    #[uniffi(default)]
    pub width: u32,
    /// Height in pixels.
    #[uniffi(default)]
    pub height: u32,
    /// Download URL.
    pub url: String,
    /// Keys this version does not model, as a JSON object (kept verbatim).
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

/// One element of a message body, with the service's fields (SPEC M1).
/// `extra_json` holds keys this version does not model, as a JSON object,
/// so a received message re-encodes without loss.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Element {
    /// `TIMTextElem`.
    Text {
        /// The text (must not be empty).
        text: String,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMCustomElem`: `desc` is the offline-push text, `ext` travels in the
    /// push payload, `data` does not.
    Custom {
        /// App payload.
        data: String,
        /// Offline-push text.
        #[uniffi(default)]
        desc: Option<String>,
        /// Push payload extension.
        #[uniffi(default)]
        ext: Option<String>,
        /// Push sound.
        #[uniffi(default)]
        sound: Option<String>,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMFaceElem`.
    Face {
        /// Face index.
        index: i32,
        /// Extra data.
        #[uniffi(default)]
        data: Option<String>,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMLocationElem`.
    Location {
        /// Description of the place.
        desc: String,
        /// -90..=90.
        latitude: f64,
        /// -180..=180.
        longitude: f64,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMImageElem`.
    Image {
        /// Image id.
        uuid: String,
        /// 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other.
        image_format: i32,
        /// Renditions, each type at most once.
        image_info_array: Vec<ImageInfo>,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMSoundElem`.
    Sound {
        /// Download URL.
        url: String,
        /// Size in bytes.
        size: u64,
        /// Duration in seconds.
        second: u32,
        /// `Download_Flag` (the service uses 2).
        #[uniffi(default = 2)]
        download_flag: u32,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMFileElem`.
    File {
        /// Download URL.
        url: String,
        /// Size in bytes.
        file_size: u64,
        /// Name shown to the recipient.
        file_name: String,
        /// `Download_Flag` (the service uses 2).
        #[uniffi(default = 2)]
        download_flag: u32,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// `TIMVideoFileElem`.
    Video {
        /// Video URL.
        video_url: String,
        /// Video size in bytes.
        video_size: u64,
        /// Duration in seconds.
        video_second: u32,
        /// Container format, e.g. `mp4`.
        video_format: String,
        /// Thumbnail URL.
        thumb_url: String,
        /// Thumbnail size in bytes.
        thumb_size: u64,
        /// Thumbnail width.
        thumb_width: u32,
        /// Thumbnail height.
        thumb_height: u32,
        /// Thumbnail format, e.g. `JPG`.
        thumb_format: String,
        /// `VideoDownloadFlag` (the service uses 2).
        #[uniffi(default = 2)]
        video_download_flag: u32,
        /// `ThumbDownloadFlag` (the service uses 2).
        #[uniffi(default = 2)]
        thumb_download_flag: u32,
        /// Unmodelled keys as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String>,
    },
    /// An element type this version does not know, kept verbatim.
    Unknown {
        /// Its `MsgType`.
        msg_type: String,
        /// Its `MsgContent` as JSON.
        content_json: String,
    },
}

/// Unmodelled keys to the FFI: `None` when there are none.
pub(crate) fn extra_out(extra: Extra) -> Option<String> {
    if extra.is_empty() {
        None
    } else {
        serde_json::to_string(&extra).ok()
    }
}

/// Unmodelled keys from the FFI: must be a JSON object (6017 otherwise).
pub(crate) fn extra_in(extra_json: Option<String>, field: &str) -> Result<Extra, MessageError> {
    match extra_json.as_deref().map(str::trim) {
        None | Some("") => Ok(Extra::new()),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| invalid_field(field, format!("not a JSON object: {e}"))),
    }
}

impl From<core::ImageInfo> for ImageInfo {
    fn from(i: core::ImageInfo) -> Self {
        ImageInfo {
            kind: i.kind,
            size: i.size,
            width: i.width,
            height: i.height,
            url: i.url,
            extra_json: extra_out(i.extra),
        }
    }
}

impl TryFrom<ImageInfo> for core::ImageInfo {
    type Error = MessageError;
    fn try_from(i: ImageInfo) -> Result<Self, MessageError> {
        Ok(core::ImageInfo {
            kind: i.kind,
            size: i.size,
            width: i.width,
            height: i.height,
            url: i.url,
            extra: extra_in(i.extra_json, "ImageInfo.extra_json")?,
        })
    }
}

impl From<core::Element> for Element {
    fn from(e: core::Element) -> Self {
        match e {
            core::Element::Text(t) => Element::Text {
                text: t.text,
                extra_json: extra_out(t.extra),
            },
            core::Element::Custom(c) => Element::Custom {
                data: c.data,
                desc: c.desc,
                ext: c.ext,
                sound: c.sound,
                extra_json: extra_out(c.extra),
            },
            core::Element::Face(f) => Element::Face {
                index: f.index,
                data: f.data,
                extra_json: extra_out(f.extra),
            },
            core::Element::Location(l) => Element::Location {
                desc: l.desc,
                latitude: l.latitude,
                longitude: l.longitude,
                extra_json: extra_out(l.extra),
            },
            core::Element::Image(i) => Element::Image {
                uuid: i.uuid,
                image_format: i.image_format,
                image_info_array: i.image_info_array.into_iter().map(Into::into).collect(),
                extra_json: extra_out(i.extra),
            },
            core::Element::Sound(s) => Element::Sound {
                url: s.url,
                size: s.size,
                second: s.second,
                download_flag: s.download_flag,
                extra_json: extra_out(s.extra),
            },
            core::Element::File(f) => Element::File {
                url: f.url,
                file_size: f.file_size,
                file_name: f.file_name,
                download_flag: f.download_flag,
                extra_json: extra_out(f.extra),
            },
            core::Element::Video(v) => Element::Video {
                video_url: v.video_url,
                video_size: v.video_size,
                video_second: v.video_second,
                video_format: v.video_format,
                thumb_url: v.thumb_url,
                thumb_size: v.thumb_size,
                thumb_width: v.thumb_width,
                thumb_height: v.thumb_height,
                thumb_format: v.thumb_format,
                video_download_flag: v.video_download_flag,
                thumb_download_flag: v.thumb_download_flag,
                extra_json: extra_out(v.extra),
            },
            core::Element::Unknown { msg_type, content } => Element::Unknown {
                msg_type,
                content_json: content.to_string(),
            },
        }
    }
}

impl TryFrom<Element> for core::Element {
    type Error = MessageError;
    fn try_from(e: Element) -> Result<Self, MessageError> {
        const EXTRA: &str = "extra_json";
        Ok(match e {
            Element::Text { text, extra_json } => core::Element::Text(core::TextElem {
                text,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Custom {
                data,
                desc,
                ext,
                sound,
                extra_json,
            } => core::Element::Custom(core::CustomElem {
                data,
                desc,
                ext,
                sound,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Face {
                index,
                data,
                extra_json,
            } => core::Element::Face(core::FaceElem {
                index,
                data,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Location {
                desc,
                latitude,
                longitude,
                extra_json,
            } => core::Element::Location(core::LocationElem {
                desc,
                latitude,
                longitude,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Image {
                uuid,
                image_format,
                image_info_array,
                extra_json,
            } => core::Element::Image(core::ImageElem {
                uuid,
                image_format,
                image_info_array: image_info_array
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Sound {
                url,
                size,
                second,
                download_flag,
                extra_json,
            } => core::Element::Sound(core::SoundElem {
                url,
                size,
                second,
                download_flag,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::File {
                url,
                file_size,
                file_name,
                download_flag,
                extra_json,
            } => core::Element::File(core::FileElem {
                url,
                file_size,
                file_name,
                download_flag,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Video {
                video_url,
                video_size,
                video_second,
                video_format,
                thumb_url,
                thumb_size,
                thumb_width,
                thumb_height,
                thumb_format,
                video_download_flag,
                thumb_download_flag,
                extra_json,
            } => core::Element::Video(core::VideoFileElem {
                video_url,
                video_size,
                video_second,
                video_format,
                video_download_flag,
                thumb_url,
                thumb_size,
                thumb_width,
                thumb_height,
                thumb_format,
                thumb_download_flag,
                extra: extra_in(extra_json, EXTRA)?,
            }),
            Element::Unknown {
                msg_type,
                content_json,
            } => core::Element::Unknown {
                msg_type,
                content: serde_json::from_str(&content_json)
                    .map_err(|e| invalid_field("content_json", format!("not JSON: {e}")))?,
            },
        })
    }
}

/// Converts a list of FFI elements, stopping at the first invalid one.
pub(crate) fn elements_in(elements: Vec<Element>) -> Result<Vec<core::Element>, MessageError> {
    elements.into_iter().map(TryInto::try_into).collect()
}

/// Converts a list of core elements for the FFI.
pub(crate) fn elements_out(elements: Vec<core::Element>) -> Vec<Element> {
    elements.into_iter().map(Into::into).collect()
}

/// M2: checks one element as the service would before sending; throws
/// `InvalidElement` (6016) with the reason.
#[uniffi::export]
pub fn validate_element(element: Element) -> Result<(), MessageError> {
    Ok(core::Element::try_from(element)?.validate(0)?)
}
