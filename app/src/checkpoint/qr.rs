//! QR code SVGs, made on the server so that no QR library reaches the WASM.

use qrcode::{render::svg, EcLevel, QrCode};

/// An inline SVG (no XML prolog) of `url`. Error correction M survives a dirty or scratched
/// poster; the quiet zone is part of the image so it prints correctly on any background.
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer starts with an <?xml ...?> line, which is not allowed inside HTML.
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_is_inline_ready() {
        let s = super::svg("https://anxun.example/c/abcdefghijklmnopqrstuvwxyz").unwrap();
        assert!(s.starts_with("<svg"), "{}", &s[..40]);
        assert!(s.contains("<path") || s.contains("<rect"));
    }
}
