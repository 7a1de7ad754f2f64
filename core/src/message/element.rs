//! Message elements as the REST API spells them (SPEC M1).
//!
//! Each element travels as `{"MsgType": T, "MsgContent": {...}}` with the
//! service's exact (PascalCase) field names. Keys a known element carries
//! that this version does not model are kept in `extra` and written back
//! unchanged, and element types this version does not know are kept whole as
//! [`Element::Unknown`]: a message received from the service decodes and
//! re-encodes without loss.

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::message::extra::extra_is_empty;
pub use crate::message::extra::{Extra, JsonValue};
use crate::message::MessageError;

/// Wire names of the element types (`MsgType`).
pub mod msg_type {
    /// Plain text.
    pub const TEXT: &str = "TIMTextElem";
    /// Custom data (also carries the offline-push text in `Desc`).
    pub const CUSTOM: &str = "TIMCustomElem";
    /// Emoji / sticker.
    pub const FACE: &str = "TIMFaceElem";
    /// Geographic location.
    pub const LOCATION: &str = "TIMLocationElem";
    /// Image with its renditions.
    pub const IMAGE: &str = "TIMImageElem";
    /// Voice message.
    pub const SOUND: &str = "TIMSoundElem";
    /// File.
    pub const FILE: &str = "TIMFileElem";
    /// Video with its thumbnail.
    pub const VIDEO: &str = "TIMVideoFileElem";
}

/// `TIMTextElem`: plain text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TextElem {
    /// The text.
    #[serde(rename = "Text")]
    pub text: String,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMCustomElem`: app-defined data. `desc` is the offline-push text and
/// `ext` travels in the push payload; `data` does not reach the push.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CustomElem {
    /// App payload (not part of the offline push).
    #[serde(rename = "Data")]
    pub data: String,
    /// Offline-push text.
    #[serde(rename = "Desc", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub desc: Option<String>,
    /// Extension carried in the push payload.
    #[serde(rename = "Ext", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ext: Option<String>,
    /// Custom push sound.
    #[serde(rename = "Sound", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sound: Option<String>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMFaceElem`: an emoji or sticker.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FaceElem {
    /// Index of the face in the app's set.
    #[serde(rename = "Index")]
    pub index: i32,
    /// Extra data, e.g. the sticker pack name.
    #[serde(rename = "Data", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub data: Option<String>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMLocationElem`: a geographic location.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocationElem {
    /// Description of the place.
    #[serde(rename = "Desc")]
    pub desc: String,
    /// Latitude in degrees, -90..=90.
    #[serde(rename = "Latitude")]
    pub latitude: f64,
    /// Longitude in degrees, -180..=180.
    #[serde(rename = "Longitude")]
    pub longitude: f64,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// One rendition of an image (`ImageInfoArray` entry).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImageInfo {
    /// 1 original, 2 large, 3 thumbnail.
    #[serde(rename = "Type")]
    pub kind: u32,
    /// Size in bytes.
    #[serde(rename = "Size")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub size: u64,
    /// Width in pixels.
    #[serde(rename = "Width")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub width: u32,
    /// Height in pixels.
    #[serde(rename = "Height")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub height: u32,
    /// Download URL.
    #[serde(rename = "URL")]
    pub url: String,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMImageElem`: an image with up to three renditions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImageElem {
    /// Image id.
    #[serde(rename = "UUID")]
    pub uuid: String,
    /// 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other.
    #[serde(rename = "ImageFormat")]
    pub image_format: i32,
    /// Renditions: original, large, thumbnail (each type at most once).
    #[serde(rename = "ImageInfoArray")]
    pub image_info_array: Vec<ImageInfo>,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMSoundElem`: a voice message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SoundElem {
    /// Download URL.
    #[serde(rename = "Url")]
    pub url: String,
    /// Size in bytes.
    #[serde(rename = "Size")]
    pub size: u64,
    /// Duration in seconds.
    #[serde(rename = "Second")]
    pub second: u32,
    /// Download flag (the service uses 2).
    #[serde(rename = "Download_Flag")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub download_flag: u32,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMFileElem`: a file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FileElem {
    /// Download URL.
    #[serde(rename = "Url")]
    pub url: String,
    /// Size in bytes.
    #[serde(rename = "FileSize")]
    pub file_size: u64,
    /// File name shown to the recipient.
    #[serde(rename = "FileName")]
    pub file_name: String,
    /// Download flag (the service uses 2).
    #[serde(rename = "Download_Flag")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub download_flag: u32,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `TIMVideoFileElem`: a video and its thumbnail.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VideoFileElem {
    /// Video download URL.
    pub video_url: String,
    /// Video size in bytes.
    pub video_size: u64,
    /// Duration in seconds.
    pub video_second: u32,
    /// Container format, e.g. `mp4`.
    pub video_format: String,
    /// Video download flag (the service uses 2).
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub video_download_flag: u32,
    /// Thumbnail download URL.
    pub thumb_url: String,
    /// Thumbnail size in bytes.
    pub thumb_size: u64,
    /// Thumbnail width in pixels.
    pub thumb_width: u32,
    /// Thumbnail height in pixels.
    pub thumb_height: u32,
    /// Thumbnail format, e.g. `JPG`.
    pub thumb_format: String,
    /// Thumbnail download flag (the service uses 2).
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub thumb_download_flag: u32,
    /// Unmodelled keys, kept verbatim.
    #[serde(flatten, default, skip_serializing_if = "extra_is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// One element of a message body (SPEC M1).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Element {
    /// `TIMTextElem`
    Text(TextElem),
    /// `TIMCustomElem`
    Custom(CustomElem),
    /// `TIMFaceElem`
    Face(FaceElem),
    /// `TIMLocationElem`
    Location(LocationElem),
    /// `TIMImageElem`
    Image(ImageElem),
    /// `TIMSoundElem`
    Sound(SoundElem),
    /// `TIMFileElem`
    File(FileElem),
    /// `TIMVideoFileElem`
    Video(VideoFileElem),
    /// An element type this version does not know, kept verbatim.
    Unknown {
        /// Its `MsgType`.
        msg_type: String,
        /// Its `MsgContent`, exactly as received.
        content: JsonValue,
    },
}

impl Element {
    /// A text element.
    pub fn text(text: impl Into<String>) -> Element {
        Element::Text(TextElem {
            text: text.into(),
            extra: Extra::new(),
        })
    }

    /// The element's wire type name (`MsgType`).
    pub fn msg_type(&self) -> &str {
        match self {
            Element::Text(_) => msg_type::TEXT,
            Element::Custom(_) => msg_type::CUSTOM,
            Element::Face(_) => msg_type::FACE,
            Element::Location(_) => msg_type::LOCATION,
            Element::Image(_) => msg_type::IMAGE,
            Element::Sound(_) => msg_type::SOUND,
            Element::File(_) => msg_type::FILE,
            Element::Video(_) => msg_type::VIDEO,
            Element::Unknown { msg_type, .. } => msg_type,
        }
    }

    /// Whether this is a `TIMCustomElem` (M2 allows one per message).
    pub fn is_custom(&self) -> bool {
        matches!(self, Element::Custom(_))
    }

    /// Checks the element as the service would before sending (M2, code
    /// 6016). Returns what is wrong, or `None` when the element is valid.
    ///
    /// Unknown element types pass when their type is named and their content
    /// is an object: the service may know them even if this version does not.
    pub fn problem(&self) -> Option<String> {
        fn blank(s: &str) -> bool {
            s.trim().is_empty()
        }
        match self {
            Element::Text(e) if e.text.is_empty() => Some("Text is empty".into()),
            Element::Custom(e)
                if e.data.is_empty()
                    && e.desc.as_deref().is_none_or(str::is_empty)
                    && e.ext.as_deref().is_none_or(str::is_empty) =>
            {
                Some("Data, Desc and Ext are all empty".into())
            }
            Element::Location(e)
                if !(e.latitude.is_finite() && (-90.0..=90.0).contains(&e.latitude)) =>
            {
                Some(format!("Latitude {} is outside -90..=90", e.latitude))
            }
            Element::Location(e)
                if !(e.longitude.is_finite() && (-180.0..=180.0).contains(&e.longitude)) =>
            {
                Some(format!("Longitude {} is outside -180..=180", e.longitude))
            }
            Element::Image(e) => image_problem(e),
            Element::Sound(e) if blank(&e.url) => Some("Url is empty".into()),
            Element::File(e) if blank(&e.url) => Some("Url is empty".into()),
            Element::File(e) if blank(&e.file_name) => Some("FileName is empty".into()),
            Element::Video(e) if blank(&e.video_url) => Some("VideoUrl is empty".into()),
            Element::Video(e) if blank(&e.thumb_url) => Some("ThumbUrl is empty".into()),
            Element::Unknown { msg_type, .. } if blank(msg_type) => Some("MsgType is empty".into()),
            Element::Unknown { content, .. } if !content.is_object() => {
                Some("MsgContent is not an object".into())
            }
            _ => None,
        }
    }

    /// M2: the element as the `index`-th of a body, or
    /// [`MessageError::InvalidElement`] (6016) saying what is wrong.
    pub fn validate(&self, index: usize) -> Result<(), MessageError> {
        match self.problem() {
            None => Ok(()),
            Some(reason) => Err(MessageError::InvalidElement {
                index: MessageError::index(index),
                msg_type: self.msg_type().to_string(),
                reason,
            }),
        }
    }

    /// Size in bytes of this element encoded as JSON.
    pub fn encoded_len(&self) -> usize {
        // Counted, not buffered: the 12 KB check runs on every add and
        // every encode. Serialising plain data cannot fail; 0 would only
        // under-count, and the body check re-measures on encode anyway.
        let mut counter = ByteCounter(0);
        serde_json::to_writer(&mut counter, self).map_or(0, |()| counter.0)
    }
}

/// An `io::Write` that only counts what is written to it.
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn image_problem(e: &ImageElem) -> Option<String> {
    if e.uuid.trim().is_empty() {
        return Some("UUID is empty".into());
    }
    if e.image_info_array.is_empty() {
        return Some("ImageInfoArray is empty".into());
    }
    let mut seen = [false; 3];
    for (i, info) in e.image_info_array.iter().enumerate() {
        let slot = match info.kind {
            1..=3 => seen.get_mut((info.kind - 1) as usize),
            _ => None,
        };
        match slot {
            None => {
                return Some(format!(
                "ImageInfoArray[{i}].Type is {}, expected 1 (original), 2 (large) or 3 (thumbnail)",
                info.kind
            ))
            }
            Some(true) => {
                return Some(format!(
                    "ImageInfoArray[{i}].Type {} appears twice",
                    info.kind
                ))
            }
            Some(slot) => *slot = true,
        }
        if info.url.trim().is_empty() {
            return Some(format!("ImageInfoArray[{i}].URL is empty"));
        }
    }
    None
}

impl Serialize for Element {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a, T: Serialize> {
            #[serde(rename = "MsgType")]
            msg_type: &'a str,
            #[serde(rename = "MsgContent")]
            msg_content: &'a T,
        }
        let msg_type = self.msg_type();
        match self {
            Element::Text(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Custom(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Face(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Location(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Image(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Sound(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::File(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Video(c) => Wire {
                msg_type,
                msg_content: c,
            }
            .serialize(serializer),
            Element::Unknown { content, .. } => Wire {
                msg_type,
                msg_content: content,
            }
            .serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ElementVisitor)
    }
}

/// Reads `{"MsgType": …, "MsgContent": …}` in one pass: when `MsgType`
/// comes first (as the service writes it) the content is decoded straight
/// into its typed struct, so errors carry the full path
/// (`MsgBody[0].MsgContent.Text`); content before the type is buffered.
struct ElementVisitor;

fn typed_content<'de, A: MapAccess<'de>>(
    msg_type: String,
    map: &mut A,
) -> Result<Element, A::Error> {
    Ok(match msg_type.as_str() {
        msg_type::TEXT => Element::Text(map.next_value()?),
        msg_type::CUSTOM => Element::Custom(map.next_value()?),
        msg_type::FACE => Element::Face(map.next_value()?),
        msg_type::LOCATION => Element::Location(map.next_value()?),
        msg_type::IMAGE => Element::Image(map.next_value()?),
        msg_type::SOUND => Element::Sound(map.next_value()?),
        msg_type::FILE => Element::File(map.next_value()?),
        msg_type::VIDEO => Element::Video(map.next_value()?),
        _ => Element::Unknown {
            content: map.next_value()?,
            msg_type,
        },
    })
}

fn buffered_content<E: serde::de::Error>(msg_type: String, content: Value) -> Result<Element, E> {
    fn typed<T: serde::de::DeserializeOwned, E: serde::de::Error>(v: Value) -> Result<T, E> {
        // Keep the path inside MsgContent so the error names the field.
        serde_path_to_error::deserialize(v).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." {
                E::custom(format!("MsgContent: {inner}"))
            } else {
                E::custom(format!("MsgContent.{path}: {inner}"))
            }
        })
    }
    Ok(match msg_type.as_str() {
        msg_type::TEXT => Element::Text(typed(content)?),
        msg_type::CUSTOM => Element::Custom(typed(content)?),
        msg_type::FACE => Element::Face(typed(content)?),
        msg_type::LOCATION => Element::Location(typed(content)?),
        msg_type::IMAGE => Element::Image(typed(content)?),
        msg_type::SOUND => Element::Sound(typed(content)?),
        msg_type::FILE => Element::File(typed(content)?),
        msg_type::VIDEO => Element::Video(typed(content)?),
        _ => Element::Unknown { msg_type, content },
    })
}

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an element {\"MsgType\": …, \"MsgContent\": {…}}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let mut msg_type: Option<String> = None;
        let mut buffered: Option<Value> = None;
        let mut element: Option<Element> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "MsgType" => {
                    let t: String = map.next_value()?;
                    if t.is_empty() {
                        return Err(A::Error::custom("MsgType is empty"));
                    }
                    msg_type = Some(t);
                }
                "MsgContent" => match msg_type.clone() {
                    Some(t) => element = Some(typed_content(t, &mut map)?),
                    None => buffered = Some(map.next_value()?),
                },
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (element, msg_type, buffered) {
            (Some(element), _, _) => Ok(element),
            (None, Some(t), Some(content)) => buffered_content(t, content),
            (None, None, _) => Err(A::Error::missing_field("MsgType")),
            (None, Some(_), None) => Err(A::Error::missing_field("MsgContent")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m1_text_element_has_the_exact_wire_shape() {
        assert_eq!(
            serde_json::to_string(&Element::text("hi")).unwrap(),
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}"#
        );
    }

    #[test]
    fn m1_sound_keeps_the_download_flag_underscore() {
        let e = Element::Sound(SoundElem {
            url: "u".into(),
            size: 1,
            second: 2,
            download_flag: 2,
            ..SoundElem::default()
        });
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""Download_Flag":2"#), "{json}");
    }

    #[test]
    fn m1_unknown_type_and_unknown_keys_are_kept() {
        let json = r#"{"MsgType":"TIMNewElem","MsgContent":{"A":[1,{"b":null}]}}"#;
        let e: Element = serde_json::from_str(json).unwrap();
        assert_eq!(e.msg_type(), "TIMNewElem");
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
        let json = r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","Lang":"en"}}"#;
        let e: Element = serde_json::from_str(json).unwrap();
        let Element::Text(t) = &e else {
            panic!("not text")
        };
        assert_eq!(t.extra["Lang"], "en");
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
    }

    #[test]
    fn m1_an_element_that_is_not_an_object_says_what_was_expected() {
        let err = serde_json::from_str::<Element>("5")
            .unwrap_err()
            .to_string();
        assert!(err.contains(r#"an element {"MsgType": …"#), "{err}");
    }

    #[test]
    fn m1_content_before_type_decodes_too() {
        let e: Element =
            serde_json::from_str(r#"{"MsgContent":{"Text":"hi"},"MsgType":"TIMTextElem"}"#)
                .unwrap();
        assert_eq!(e, Element::text("hi"));
        let err = crate::message::decode_json::<Vec<Element>>(
            r#"[{"MsgContent":{"Text":5},"MsgType":"TIMTextElem"}]"#,
        )
        .unwrap_err();
        assert!(
            matches!(err, MessageError::InvalidField { ref field, .. } if field == "[0].MsgContent.Text"),
            "{err:?}"
        );
        assert!(serde_json::from_str::<Element>(r#"{"MsgType":"TIMTextElem"}"#).is_err());
        assert!(serde_json::from_str::<Element>(r#"{"MsgContent":{}}"#).is_err());
    }

    #[test]
    fn m1_every_kind_has_its_wire_name() {
        let elements = [
            Element::text("t"),
            Element::Custom(CustomElem::default()),
            Element::Face(FaceElem::default()),
            Element::Location(LocationElem::default()),
            Element::Image(ImageElem::default()),
            Element::Sound(SoundElem::default()),
            Element::File(FileElem::default()),
            Element::Video(VideoFileElem::default()),
        ];
        let names: Vec<&str> = elements
            .iter()
            .map(|e| {
                let v: serde_json::Value = serde_json::to_value(e).unwrap();
                assert_eq!(v["MsgType"], e.msg_type());
                e.msg_type()
            })
            .collect();
        assert_eq!(
            names,
            [
                "TIMTextElem",
                "TIMCustomElem",
                "TIMFaceElem",
                "TIMLocationElem",
                "TIMImageElem",
                "TIMSoundElem",
                "TIMFileElem",
                "TIMVideoFileElem"
            ]
        );
    }

    #[test]
    fn m2_image_rendition_types_are_1_to_3_once_each() {
        let info = |kind| ImageInfo {
            kind,
            url: "u".into(),
            ..ImageInfo::default()
        };
        let image = |infos| {
            Element::Image(ImageElem {
                uuid: "x".into(),
                image_info_array: infos,
                ..ImageElem::default()
            })
        };
        assert_eq!(image(vec![info(1), info(2), info(3)]).problem(), None);
        assert!(image(vec![info(1), info(1)]).problem().is_some());
        assert!(image(vec![info(0)]).problem().is_some());
        assert!(image(vec![]).problem().is_some());
    }
}
