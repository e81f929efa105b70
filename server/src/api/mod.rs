//! The public JSON API under `/api`, documented by OpenAPI
//! (`GET /api/openapi.json`, rendered at `GET /api/docs`). Handlers call the
//! same services as the server functions of the web pages.
//!
//! One module per resource, each with its own `routes()`: `availability`,
//! `reservations`, `manage` (by token), `auth`, and `admin/` (staff). Below them: `caller` (who
//! is calling, as an extractor), `shapes` (wire shapes shared by several
//! resources), `error` (the error envelope and the extractors that answer
//! with it), `formats` (input formats as schemas, from the domain's limits),
//! `answers` (the statuses every operation shares) and `docs`.

pub mod admin;
pub mod answers;
pub mod auth;
pub mod availability;
pub mod caller;
pub mod docs;
pub mod error;
pub mod formats;
pub mod manage;
pub mod payments;
pub mod reservations;
pub mod shapes;

use answers::CommonAnswers;
use app::ssr::AppState;
use axum::routing::get;
use axum::{Json, Router};
use shapes::{AlternativeOut, ErrorDetailOut, ErrorOut, FieldErrorOut};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TechPlus reservations API",
        description = "Availability, booking and guest self-service for the restaurant. \
            Errors are `{\"error\": {\"code\", \"message\", ...}}` with the message in the \
            language of `Accept-Language` (French or English).",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        availability::day_availability,
        availability::month_availability,
        reservations::create,
        manage::get_managed,
        manage::update_managed,
        manage::cancel_managed,
        manage::calendar,
        manage::confirm,
        auth::register,
        auth::login,
        auth::logout,
        auth::refresh,
        auth::me,
        auth::change_password,
        auth::logout_all,
        auth::delete_me,
        auth::forgot,
        auth::reset,
        auth::verify,
        auth::invite,
        auth::accept_invite,
        auth::set_role,
        reservations::list,
        reservations::get_one,
        reservations::update_one,
        reservations::cancel_one,
        admin::day::day,
        admin::day::set_note,
        admin::events::events,
        admin::floor::live_floor,
        admin::reservations::move_one,
        admin::reservations::set_status,
        admin::reservations::details::details,
        admin::reservations::details::cancel,
        admin::reservations::details::add_note,
        admin::reservations::details::resend,
        admin::reservations::taken::take,
        admin::reservations::list::staff_list,
        admin::reservations::list::staff_export,
        admin::reservations::list::staff_bulk,
        admin::guests::search,
        admin::guests::profile,
        admin::guests::set_notes,
        admin::areas::list_areas,
        admin::areas::create_area,
        admin::areas::update_area,
        admin::areas::delete_area,
        admin::tables::list_tables,
        admin::tables::create_table,
        admin::tables::update_table,
        admin::tables::delete_table,
        admin::tables::table_bookings,
        admin::tables::reassign_table,
        admin::combinations::list_combinations,
        admin::combinations::create_combination,
        admin::combinations::delete_combination,
        admin::blocks::list_blocks,
        admin::blocks::create_block,
        admin::blocks::delete_block,
        admin::settings::read_settings,
        admin::settings::update_restaurant,
        admin::settings::update_rules,
        admin::settings::set_hours,
        admin::settings::delete_hours,
        admin::settings::create_exception,
        admin::settings::delete_exception,
        admin::settings::audit,
        admin::team::team,
        admin::team::set_member_role,
        admin::team::deactivate_member,
        admin::team::reactivate_member,
        admin::team::cancel_invitation,
        admin::menu::categories::list_menu,
        admin::menu::categories::create_category,
        admin::menu::categories::update_category,
        admin::menu::categories::delete_category,
        admin::menu::categories::move_category,
        admin::menu::items::get_item,
        admin::menu::items::create_item,
        admin::menu::items::update_item,
        admin::menu::items::delete_item,
        admin::menu::items::move_item,
        admin::menu::items::set_availability,
        admin::menu::photos::add_photo,
        admin::menu::photos::delete_photo,
        admin::gallery::list_gallery,
        admin::gallery::add_gallery_photo,
        admin::gallery::set_gallery_alt,
        admin::gallery::move_gallery_photo,
        admin::gallery::delete_gallery_photo,
        admin::payments::settings::payment_settings,
        admin::payments::settings::update_payment_settings,
        admin::payments::list::payments_list,
        admin::payments::list::payments_csv,
        admin::payments::refund,
        admin::payments::no_show_fee,
    ),
    components(schemas(
        ErrorOut,
        ErrorDetailOut,
        FieldErrorOut,
        AlternativeOut,
        formats::Date,
        formats::Month,
        formats::PartySize,
    )),
    modifiers(&CommonAnswers),
    tags(
        (name = "booking", description = "Availability and booking"),
        (name = "manage", description = "A guest's booking, by its secret manage token"),
        (name = "auth", description = "Accounts and sessions (cookie `techplus.sid`)"),
        (name = "account", description = "The signed-in user's bookings; staff see all"),
        (name = "staff", description = "Running a service: staff and admins only"),
        (name = "setup", description = "Setting the restaurant up: staff read, admins change"),
        (name = "team", description = "The restaurant's team: staff, admins and invitations (admins only)"),
    )
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(availability::routes())
        .merge(reservations::routes())
        .merge(manage::routes())
        .merge(auth::routes())
        .merge(admin::routes())
        .merge(payments::routes())
        .route(
            "/api/openapi.json",
            get(|| async { Json(ApiDoc::openapi()) }),
        )
        .route("/api/docs", get(docs::page))
}

#[cfg(test)]
mod tests {
    use super::error::Fields;
    use super::*;
    use serde_json::Value;
    use utoipa::IntoParams;

    fn doc() -> Value {
        serde_json::to_value(ApiDoc::openapi()).unwrap()
    }

    fn names<T: IntoParams>() -> Vec<String> {
        T::into_params(|| None)
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    /// The hand-written query parameters name what the handlers read.
    #[test]
    fn query_parameters_are_the_fields_read() {
        use availability::{DayQuery, MonthQuery};
        use reservations::ListQuery;
        assert_eq!(names::<DayQuery>(), DayQuery::FIELDS);
        assert_eq!(names::<MonthQuery>(), MonthQuery::FIELDS);
        assert_eq!(names::<ListQuery>(), ListQuery::FIELDS);
        use admin::guests::SearchQuery;
        assert_eq!(names::<SearchQuery>(), SearchQuery::FIELDS);
        use admin::settings::AuditQuery;
        assert_eq!(names::<AuditQuery>(), AuditQuery::FIELDS);
        use admin::reservations::list::ListQuery as StaffListQuery;
        assert_eq!(names::<StaffListQuery>(), StaffListQuery::FIELDS);
        use admin::payments::list::PaymentsQuery;
        assert_eq!(names::<PaymentsQuery>(), PaymentsQuery::FIELDS);
        for (_, item) in doc()["paths"].as_object().unwrap() {
            for (_, op) in item.as_object().unwrap() {
                for p in op["parameters"].as_array().into_iter().flatten() {
                    let path_param = p["in"] == "path";
                    let name = p["name"].as_str().unwrap();
                    // The one header a handler reads: a money move's key.
                    let key = p["in"] == "header" && name == "Idempotency-Key";
                    assert!(path_param || key || p["in"] == "query", "{name}");
                }
            }
        }
    }

    /// Every request body's properties are the fields its error messages
    /// may name.
    #[test]
    fn bodies_are_the_fields_read() {
        use auth::*;
        use reservations::CreateReservationIn;
        use shapes::UpdateReservationIn;
        let doc = doc();
        let props = |name: &str| {
            let mut keys: Vec<String> = doc["components"]["schemas"][name]["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let sorted = |fields: &[&str]| {
            let mut v: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            v.sort();
            v
        };
        let cases: [(&str, &[&str]); 19] = [
            ("MemberRoleIn", admin::team::MemberRoleIn::FIELDS),
            ("RestaurantIn", admin::settings::RestaurantIn::FIELDS),
            ("RulesIn", admin::settings::RulesIn::FIELDS),
            ("HoursIn", admin::settings::HoursIn::FIELDS),
            ("ExceptionIn", admin::settings::ExceptionIn::FIELDS),
            ("NotesIn", admin::guests::NotesIn::FIELDS),
            ("BlockIn", admin::blocks::BlockIn::FIELDS),
            ("AreaIn", admin::areas::AreaIn::FIELDS),
            ("TableIn", admin::tables::TableIn::FIELDS),
            ("CombinationIn", admin::combinations::CombinationIn::FIELDS),
            ("CreateReservationIn", CreateReservationIn::FIELDS),
            ("UpdateReservationIn", UpdateReservationIn::FIELDS),
            ("RegisterIn", RegisterIn::FIELDS),
            ("LoginIn", LoginIn::FIELDS),
            ("ForgotIn", ForgotIn::FIELDS),
            ("TokenPasswordIn", TokenPasswordIn::FIELDS),
            ("TokenIn", TokenIn::FIELDS),
            ("InviteIn", InviteIn::FIELDS),
            ("RoleIn", RoleIn::FIELDS),
        ];
        for (schema, fields) in cases {
            assert_eq!(props(schema), sorted(fields), "{schema}");
        }
    }

    /// The shared answers are on every operation that can give them, and
    /// the limits come from the domain.
    #[test]
    fn every_operation_lists_the_shared_answers() {
        let doc = doc();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let answers = op["responses"].as_object().unwrap();
                let has = |status: &str| answers.contains_key(status);
                assert!(has("429") && has("500"), "{method} {path}");
                if op.get("requestBody").is_some() {
                    assert!(has("413") && has("415") && has("422"), "{method} {path}");
                }
                if method != "get" {
                    assert!(has("403"), "{method} {path}");
                }
            }
        }
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["PartySize"]["maximum"], domain::PartySize::MAX);
        assert_eq!(
            schemas["GuestName"]["maxLength"],
            domain::GuestName::MAX_CHARS
        );
        assert_eq!(
            schemas["NewPassword"]["minLength"],
            domain::Password::MIN_CHARS
        );
        assert_eq!(
            schemas["Role"]["enum"],
            serde_json::json!(["diner", "staff", "admin"])
        );
        assert_eq!(
            schemas["StaffRole"]["enum"],
            serde_json::json!(["staff", "admin"])
        );
    }
}
