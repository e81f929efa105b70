//! Entry point of the WASM client: hydrates the HTML the server rendered.
//! Pages are lazy-loaded chunks (`cargo leptos build --split`), so
//! hydration waits for the current page's chunk before it starts.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use leptos::mount::hydrate_from_async;
    use leptos::prelude::*;
    console_error_panic_hook::set_once();
    // An error only means the executor already runs: nothing to do.
    _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        hydrate_from_async(document().body().expect("a page has a body"), app::App)
            .await
            .forget();
        // Lets end-to-end tests (and curious people) see that the page is live.
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
