//! Charts as server-rendered inline SVG: no script, no style attribute (the pages' CSP allows
//! neither), colours from classes in console.css. Each chart has a `<title>` and `<desc>` for
//! assistive technology (SVG 2 §5.9, WAI-ARIA `role="img"`), and the page shows the same numbers
//! as a table beside it.
use std::fmt::Write;

/// Escapes text for an XML text node or attribute.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// One bar of the time series: successes and failures stacked.
pub struct Stack {
    pub label: String,
    pub success: u64,
    pub failure: u64,
}

const W: u32 = 720;
const H: u32 = 200;
const PAD_BOTTOM: u32 = 24;
const PAD_LEFT: u32 = 40;

/// Sign-ins over time by outcome: stacked columns, a labelled y axis (0 and the maximum) and
/// the first, middle and last bucket's time below.
pub fn timeline(id: &str, title: &str, desc: &str, bars: &[Stack]) -> String {
    let max = bars.iter().map(|b| b.success + b.failure).max().unwrap_or(0).max(1);
    let n = bars.len().max(1) as u32;
    let plot_w = W - PAD_LEFT;
    let plot_h = H - PAD_BOTTOM;
    let bw = plot_w / n;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-t {id}-d" preserveAspectRatio="none"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    let _ = write!(s, r#"<line class="axis" x1="{PAD_LEFT}" y1="{plot_h}" x2="{W}" y2="{plot_h}"/>"#);
    let _ = write!(s, r#"<text class="tick" x="{}" y="12" text-anchor="end">{max}</text>"#, PAD_LEFT - 4);
    let _ = write!(s, r#"<text class="tick" x="{}" y="{plot_h}" text-anchor="end">0</text>"#, PAD_LEFT - 4);
    for (i, b) in bars.iter().enumerate() {
        let x = PAD_LEFT + i as u32 * bw + 1;
        let w = bw.saturating_sub(2).max(1);
        let hs = (b.success as f64 / max as f64 * plot_h as f64).round() as u32;
        let hf = (b.failure as f64 / max as f64 * plot_h as f64).round() as u32;
        let label = esc(&b.label);
        if hs > 0 {
            let _ = write!(
                s,
                r#"<rect class="ok" x="{x}" y="{}" width="{w}" height="{hs}"><title>{label}: {}</title></rect>"#,
                plot_h - hs,
                b.success
            );
        }
        if hf > 0 {
            let _ = write!(
                s,
                r#"<rect class="fail" x="{x}" y="{}" width="{w}" height="{hf}"><title>{label}: {}</title></rect>"#,
                plot_h - hs - hf,
                b.failure
            );
        }
    }
    for i in [0, bars.len() / 2, bars.len().saturating_sub(1)] {
        if let Some(b) = bars.get(i) {
            let x = PAD_LEFT + i as u32 * bw + bw / 2;
            let _ =
                write!(s, r#"<text class="tick" x="{x}" y="{}" text-anchor="middle">{}</text>"#, H - 6, esc(&b.label));
        }
    }
    s.push_str("</svg>");
    s
}

/// A horizontal bar of a ranked list, as a small SVG (its number and label are in the HTML beside
/// it, so the bar itself is decorative).
pub fn bar(value: u64, max: u64, class: &str) -> String {
    let w = if max == 0 { 0 } else { (value as f64 / max as f64 * 200.0).round().max(1.0) as u32 };
    format!(
        r#"<svg class="hbar" viewBox="0 0 200 12" aria-hidden="true" focusable="false"><rect class="{}" x="0" y="0" width="{w}" height="12"/></svg>"#,
        esc(class)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_scales_to_the_largest_bucket_and_escapes_text() {
        let bars = vec![
            Stack { label: "<b>".into(), success: 10, failure: 10 },
            Stack { label: "x".into(), success: 0, failure: 5 },
        ];
        let svg = timeline("t", "T & T", "d", &bars);
        assert!(svg.contains("T &amp; T") && svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        // The largest column fills the plot: 10 + 10 of 20 → 88 + 88 pixels of 176.
        assert!(svg.contains(r#"height="88""#), "{svg}");
        assert!(svg.contains(r#"height="44""#), "{svg}");
        assert!(!svg.contains("style="));
        assert!(bar(0, 0, "ok").contains(r#"width="0""#));
        assert!(bar(5, 10, "fail").contains(r#"width="100""#));
    }
}
