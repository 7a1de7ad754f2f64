//! Reading a command's input file, or stdin for `-`.

use std::io::Read;

/// The text of `path`, or of stdin when `path` is `-`.
pub fn read_input(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}
