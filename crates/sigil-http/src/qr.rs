//! QR codes for the TOTP enrollment page: the `otpauth://` URI as an SVG image in a `data:` URI
//! (the pages' CSP allows `img-src data:`; nothing is fetched).
use base64::Engine;
use qrcode::QrCode;
use qrcode::render::svg;

pub fn svg_data_uri(text: &str) -> String {
    let svg = match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        // An otpauth URI is far below a QR code's capacity; the page still shows the key as text.
        Err(_) => String::new(),
    };
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg))
}
