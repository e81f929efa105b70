//! The menu screen's own rules, on top of the site's stylesheet (its
//! tokens, buttons, fields, cards and tags): dishes with their buttons
//! beside them from 64 rem and under them below, tag chips, thumbnails
//! (cropped to 4:3 so rows line up), the two languages side by side from
//! 48 rem (tablets), and the upload box.
//! Sold out, a diet or an allergen is always said in words; colour only
//! adds to them.

use leptos::prelude::*;
use leptos_meta::Style;

const CSS: &str = r#"
.menu-category-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0 var(--space-4); }
.menu-category-head h2 { margin-bottom: var(--space-2); }
.menu-category-head .hint { margin: 0; }
.menu-category-tools { display: flex; flex-wrap: wrap; align-items: flex-start; gap: var(--space-2); margin: var(--space-2) 0 var(--space-3); }
.menu-category-tools form, .menu-dish-actions form { margin: 0; }
.menu-category-tools .button, .menu-dish-actions .button { padding: var(--space-1) var(--space-3); }
.menu-move { display: inline-flex; flex-wrap: wrap; gap: var(--space-2); }
.menu-move .button { gap: var(--space-1); }
.menu-rename summary { list-style: none; }
.menu-rename summary::-webkit-details-marker { display: none; }
.menu-rename[open] { flex-basis: 100%; }
.menu-rename[open] summary { margin-bottom: var(--space-3); }
.menu-dishes { list-style: none; margin: 0; padding: 0; }
.menu-dish { display: grid; gap: var(--space-3) var(--space-5); padding: var(--space-4) 0; border-top: 1px solid var(--border); }
.menu-dish-main { min-width: 0; display: grid; gap: var(--space-2); align-content: start; }
.menu-dish-name { font-size: var(--step-1); margin: 0; overflow-wrap: anywhere; }
.menu-dish .menu-item-head { align-items: baseline; }
.menu-dish .menu-item-description { margin: 0; white-space: pre-line; }
.menu-sold-out { margin: 0; }
.menu-tag-sold-out { background: var(--error-bg); color: var(--error); border-color: var(--error); }
.menu-tag-diet { background: var(--accent-bg); color: var(--accent); border-color: var(--accent); }
.menu-chips { display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-1) var(--space-2); font-size: var(--step--1); }
.menu-chips .hint { font-size: inherit; }
.menu-chips-label { font-weight: 600; }
.chips { list-style: none; display: flex; flex-wrap: wrap; gap: var(--space-1); margin: 0; padding: 0; }
.menu-thumbs { list-style: none; display: flex; flex-wrap: wrap; gap: var(--space-2); margin: 0; padding: 0; }
.menu-thumbs img { display: block; width: 6rem; height: auto; aspect-ratio: 4 / 3; object-fit: cover; border-radius: var(--radius); border: 1px solid var(--border); }
.menu-dish-actions { display: flex; flex-wrap: wrap; gap: var(--space-2); align-content: flex-start; }
.menu-confirm { margin: 0; }
@media (min-width: 64rem) {
  .menu-dish { grid-template-columns: minmax(0, 1fr) minmax(0, 24rem); }
  .menu-dish-actions { justify-content: flex-end; }
  .menu-confirm { grid-column: 1 / -1; }
}
.form-grid.menu-pair { grid-template-columns: minmax(0, 1fr); }
@media (min-width: 48rem) { .form-grid.menu-pair { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.menu-price .field input { max-width: 12rem; }
.menu-fieldset { border: 1px solid var(--border); border-radius: var(--radius); padding: var(--space-3) var(--space-4); margin: 0 0 var(--space-5); min-width: 0; }
.menu-fieldset > legend { font-weight: 700; padding: 0 var(--space-2); }
.menu-fieldset .check-grid { gap: 0 var(--space-4); }
.menu-fieldset .check { display: inline-flex; align-items: center; gap: var(--space-2); min-height: 44px; min-width: 9.5rem; }
.menu-fieldset.field-invalid { border-color: var(--error); }
.menu-photos { list-style: none; margin: 0 0 var(--space-4); padding: 0; display: grid; gap: var(--space-4); grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
.menu-photo img { display: block; width: 100%; height: auto; aspect-ratio: 4 / 3; object-fit: cover; border-radius: var(--radius); border: 1px solid var(--border); margin-bottom: var(--space-2); }
.menu-photo .button { width: 100%; }
.menu-drop { border: 2px dashed #8a7f76; border-radius: var(--radius); padding: var(--space-4); background: var(--bg); }
.menu-drop-over { border-style: solid; border-color: var(--primary); background: var(--accent-bg); }
.menu-drop h3 { font-size: var(--step-1); margin-bottom: var(--space-3); }
.menu-drop .field { margin-bottom: var(--space-3); }
.menu-drop input[type="file"] { display: block; max-width: 100%; min-height: 44px; font: inherit; }
.menu-drop input[type="file"]::file-selector-button {
  min-height: 44px; margin-right: var(--space-3); padding: var(--space-2) var(--space-4); font: inherit; font-weight: 600;
  color: var(--primary); background: var(--surface); border: 2px solid var(--primary); border-radius: var(--radius); cursor: pointer;
}
.menu-upload-said { font-weight: 600; margin: 0 0 var(--space-2); }
.menu-upload-said:empty { display: none; }
.menu-uploads { list-style: none; margin: 0; padding: 0; }
.menu-upload { display: grid; gap: var(--space-1) var(--space-4); padding: var(--space-2) 0; border-top: 1px solid var(--border); }
@media (min-width: 48rem) { .menu-upload { grid-template-columns: minmax(0, 2fr) minmax(6rem, 1fr) minmax(0, 2fr); align-items: center; } }
.menu-upload-name { font-weight: 600; overflow-wrap: anywhere; }
.menu-upload progress { width: 100%; height: 0.75rem; accent-color: var(--primary); }
.menu-upload .field-error { margin: 0; }
"#;

/// The screen's rules, in the page's `<head>`.
#[component]
pub fn MenuStyle() -> impl IntoView {
    view! { <Style id="menu-admin-style">{CSS}</Style> }
}
