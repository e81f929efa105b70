//! The demo restaurant: loaded on a new database and by `server seed-demo`.

use crate::error::StoreError;
use crate::store::{on_pool, Store};
use domain::{Allergen, Diet, Tag};

pub const DEMO_SLUG: &str = "chez-margot";

/// Weekday (0 = Monday), service, opens, closes, last seating, pacing (covers per slot).
struct Period(i64, &'static str, i64, i64, i64, i64);
struct Table(&'static str, &'static str, i64, i64, bool);
struct Dish(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static [Allergen],
    &'static [Diet],
);

const fn hm(h: i64, m: i64) -> i64 {
    h * 60 + m
}

/// Tuesday–Saturday lunch and dinner, Sunday lunch, closed on Monday.
const PERIODS: &[Period] = &[
    Period(1, "lunch", hm(12, 0), hm(14, 30), hm(13, 45), 16),
    Period(1, "dinner", hm(19, 0), hm(22, 30), hm(21, 30), 20),
    Period(2, "lunch", hm(12, 0), hm(14, 30), hm(13, 45), 16),
    Period(2, "dinner", hm(19, 0), hm(22, 30), hm(21, 30), 20),
    Period(3, "lunch", hm(12, 0), hm(14, 30), hm(13, 45), 16),
    Period(3, "dinner", hm(19, 0), hm(22, 30), hm(21, 30), 20),
    Period(4, "lunch", hm(12, 0), hm(14, 30), hm(13, 45), 16),
    Period(4, "dinner", hm(19, 0), hm(23, 0), hm(22, 0), 20),
    Period(5, "lunch", hm(12, 0), hm(15, 0), hm(14, 0), 16),
    Period(5, "dinner", hm(19, 0), hm(23, 0), hm(22, 0), 20),
    Period(6, "lunch", hm(12, 0), hm(15, 0), hm(14, 0), 16),
];

/// Fifteen tables of 2 to 8 seats: name, area, min seats, max seats, bookable online.
const TABLES: &[Table] = &[
    Table("T1", "salle", 1, 2, true),
    Table("T2", "salle", 1, 2, true),
    Table("T3", "salle", 1, 2, true),
    Table("T4", "salle", 2, 4, true),
    Table("T5", "salle", 2, 4, true),
    Table("T6", "salle", 2, 4, true),
    Table("T7", "salle", 4, 6, true),
    Table("T8", "salle", 6, 8, true),
    Table("B1", "bar", 1, 2, true),
    Table("B2", "bar", 1, 2, false),
    Table("P1", "terrasse", 1, 2, true),
    Table("P2", "terrasse", 2, 4, true),
    Table("P3", "terrasse", 2, 4, true),
    Table("P4", "terrasse", 4, 6, true),
    Table("S1", "salon", 6, 8, false),
];

/// Tables pushed together for larger parties.
const COMBINATIONS: &[(&str, &[&str])] = &[
    ("T4+T5", &["T4", "T5"]),
    ("T5+T6", &["T5", "T6"]),
    ("P2+P3", &["P2", "P3"]),
    ("T4+T5+T6", &["T4", "T5", "T6"]),
    ("T7+T8", &["T7", "T8"]),
];

/// 1–2 guests: 90 min, 3–4: 105, 5–6: 120, 7 and more: 150.
const TURN_TIMES: &str = r#"{"bands":[[2,90],[4,105],[6,120]],"larger":150}"#;

/// Closed for Christmas (24–26 December) and a single late seating on New
/// Year's Eve, for the coming end of year.
fn exceptions(
    today: chrono::NaiveDate,
) -> Vec<(
    &'static str,
    chrono::NaiveDate,
    chrono::NaiveDate,
    &'static str,
    &'static str,
)> {
    use chrono::{Datelike, NaiveDate};
    let year = today.year();
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
    vec![
        (
            "closed",
            date(12, 24),
            date(12, 26),
            "[]",
            "Noël / Christmas",
        ),
        (
            "special_hours",
            date(12, 31),
            date(12, 31),
            r#"[{"kind":"dinner","first_seating":"19:30:00","last_seating":"21:00:00","slot_interval_minutes":30,"max_covers_per_slot":24}]"#,
            "Réveillon / New Year's Eve",
        ),
    ]
}

type Category = (&'static str, &'static str, &'static [Dish]);

const MENU: &[Category] = &[
    (
        "Entrées",
        "Starters",
        &[
            Dish(
                "Velouté de potimarron",
                "Red kuri squash velouté",
                "Noisettes torréfiées, crème fraîche",
                "Roasted hazelnuts, crème fraîche",
                900,
                &[Allergen::Nuts, Allergen::Milk],
                &[Diet::Vegetarian, Diet::GlutenFree],
            ),
            Dish(
                "Œuf parfait",
                "Slow-cooked egg",
                "Champignons des bois, émulsion au comté",
                "Wild mushrooms, Comté foam",
                1100,
                &[Allergen::Eggs, Allergen::Milk],
                &[Diet::Vegetarian, Diet::GlutenFree],
            ),
            Dish(
                "Tartare de truite",
                "Trout tartare",
                "Pomme verte, aneth, raifort",
                "Green apple, dill, horseradish",
                1300,
                &[Allergen::Fish],
                &[Diet::GlutenFree, Diet::DairyFree],
            ),
        ],
    ),
    (
        "Plats",
        "Mains",
        &[
            Dish(
                "Joue de bœuf braisée",
                "Braised beef cheek",
                "Purée de céleri, jus au vin rouge",
                "Celeriac purée, red wine jus",
                2400,
                &[Allergen::Celery, Allergen::Sulphites],
                &[Diet::GlutenFree, Diet::DairyFree],
            ),
            Dish(
                "Dos de cabillaud",
                "Cod loin",
                "Poireaux fondants, beurre blanc",
                "Melted leeks, beurre blanc",
                2600,
                &[Allergen::Fish, Allergen::Milk],
                &[Diet::GlutenFree],
            ),
            Dish(
                "Risotto d'épeautre",
                "Spelt risotto",
                "Courge rôtie, sauge, parmesan (végétarien)",
                "Roasted squash, sage, parmesan (vegetarian)",
                1900,
                &[Allergen::Gluten, Allergen::Milk],
                &[Diet::Vegetarian],
            ),
        ],
    ),
    (
        "Desserts",
        "Desserts",
        &[
            Dish(
                "Tarte Tatin",
                "Tarte Tatin",
                "Crème crue normande",
                "Normandy raw cream",
                900,
                &[Allergen::Gluten, Allergen::Eggs, Allergen::Milk],
                &[Diet::Vegetarian],
            ),
            Dish(
                "Mousse au chocolat",
                "Chocolate mousse",
                "Chocolat noir 70 %, fleur de sel",
                "70% dark chocolate, sea salt",
                800,
                &[Allergen::Eggs, Allergen::Milk, Allergen::Soybeans],
                &[Diet::Vegetarian, Diet::GlutenFree],
            ),
        ],
    ),
];

/// What `server init` asks for: the restaurant's name and its IANA time
/// zone; everything else is set from the dashboard.
#[derive(Debug, Clone)]
pub struct NewRestaurant {
    pub name: String,
    pub time_zone: chrono_tz::Tz,
}

/// The URL-safe form of a name: `Le Bistrot d'Émile` → `le-bistrot-d-emile`.
pub fn slug(name: &str) -> String {
    let folded = domain::menu::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "restaurant".into()
    } else {
        out
    }
}

/// Creates the site's restaurant with nothing in it yet (no hours, tables
/// or menu: admins add them from the dashboard) and the usual booking
/// rules. Returns `false` (and changes nothing) when the database has a
/// restaurant already.
#[tracing::instrument(skip_all)]
pub async fn create_restaurant(store: &Store, new: &NewRestaurant) -> Result<bool, StoreError> {
    if store.restaurant_count().await? > 0 {
        return Ok(false);
    }
    on_pool!(store, pool => {
        let mut tx = pool.begin().await?;
        let restaurant_id: i64 = sqlx::query_scalar(
            "INSERT INTO restaurants (slug, name, tagline_fr, tagline_en, street, postal_code, city, \
             country, phone, email, time_zone) \
             VALUES ($1, $2, '', '', '', '', '', '', '', '', $3) RETURNING id",
        )
        .bind(slug(&new.name))
        .bind(&new.name)
        .bind(new.time_zone.name())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO booking_settings (restaurant_id, turn_times) VALUES ($1, $2)",
        )
        .bind(restaurant_id)
        .bind(TURN_TIMES)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    });
    tracing::info!("created the restaurant");
    Ok(true)
}

/// The demo restaurant's page "about": its story, its team, its values.
const ABOUT_FR: &str = "Margot a ouvert son restaurant en 1998, au pied de la butte Montmartre, \
avec six tables et une ardoise qui changeait chaque matin. L’ardoise est toujours là.

## L’équipe
Margot Lefèvre est en cuisine depuis le premier jour. Karim Benali l’a rejointe en 2009 et signe les desserts.
En salle, Julie Moreau vous accueille et connaît la cave par cœur.

## Ce qui compte pour nous
Des légumes de maraîchers d’Île-de-France, du poisson de petite pêche, du pain de la boulangerie voisine.
Une carte courte qui suit les saisons, des plats végétariens chaque jour, et les allergies prises au sérieux.";

const ABOUT_EN: &str = "Margot opened her restaurant in 1998, at the foot of the Montmartre hill, \
with six tables and a blackboard that changed every morning. The blackboard is still there.

## The team
Margot Lefèvre has been in the kitchen since day one. Karim Benali joined her in 2009 and makes the desserts.
In the dining room, Julie Moreau welcomes you and knows the wine list by heart.

## What we care about
Vegetables from market gardeners around Paris, fish from small boats, bread from the bakery next door.
A short menu that follows the seasons, vegetarian dishes every day, and allergies taken seriously.";

/// Loads the demo restaurant in one transaction. Returns `false` (and
/// changes nothing) when it is already there.
#[tracing::instrument(skip_all)]
pub async fn seed_demo(store: &Store) -> Result<bool, StoreError> {
    let today = chrono::Utc::now().date_naive();
    match store.restaurant_by_slug(DEMO_SLUG).await {
        Ok(_) => return Ok(false),
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e),
    }
    on_pool!(store, pool => {
        let mut tx = pool.begin().await?;
        let restaurant_id: i64 = sqlx::query_scalar(
            "INSERT INTO restaurants (slug, name, tagline_fr, tagline_en, street, postal_code, city, \
             country, phone, email, time_zone, about_fr, about_en) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(DEMO_SLUG)
        .bind("Chez Margot")
        .bind("Cuisine de saison, produits du marché, depuis 1998.")
        .bind("Seasonal cooking from market produce, since 1998.")
        .bind("12 rue des Martyrs")
        .bind("75009")
        .bind("Paris")
        .bind("FR")
        .bind("+33142000000")
        .bind("bonjour@chez-margot.example")
        .bind("Europe/Paris")
        .bind(ABOUT_FR)
        .bind(ABOUT_EN)
        .fetch_one(&mut *tx)
        .await?;

        for Period(weekday, kind, opens, closes, last, pacing) in PERIODS {
            sqlx::query(
                "INSERT INTO service_periods (restaurant_id, weekday, kind, opens_minute, closes_minute, \
                 last_seating_minute, slot_interval_minutes, max_covers_per_slot) \
                 VALUES ($1, $2, $3, $4, $5, $6, 15, $7)",
            )
            .bind(restaurant_id)
            .bind(weekday)
            .bind(kind)
            .bind(opens)
            .bind(closes)
            .bind(last)
            .bind(pacing)
            .execute(&mut *tx)
            .await?;
        }

        sqlx::query(
            "INSERT INTO booking_settings (restaurant_id, min_notice_minutes, max_advance_days, \
             min_party, max_party_online, turn_times, cancel_cutoff_minutes) \
             VALUES ($1, 120, 60, 1, 8, $2, 120)",
        )
        .bind(restaurant_id)
        .bind(TURN_TIMES)
        .execute(&mut *tx)
        .await?;
        // Parties of 7 or more leave a deposit (asked only once payments
        // are configured), refunded in full up to 48 hours before.
        sqlx::query(
            "INSERT INTO payment_policies (restaurant_id, mode, deposit_per_guest_cents, \
             from_party, refund_cutoff_minutes, late_refund_percent) \
             VALUES ($1, 'deposit', 2000, 7, 2880, 0)",
        )
        .bind(restaurant_id)
        .execute(&mut *tx)
        .await?;

        for (kind, from, to, periods, note) in exceptions(today) {
            sqlx::query(
                "INSERT INTO booking_exceptions (restaurant_id, kind, starts_on, ends_on, periods, note) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(restaurant_id)
            .bind(kind)
            .bind(from.to_string())
            .bind(to.to_string())
            .bind(periods)
            .bind(note)
            .execute(&mut *tx)
            .await?;
        }

        // Areas in the order they first appear; each area's tables in rows
        // of six on its floor plan (round two-seaters, square fours, long
        // tables for six and more).
        let mut areas: Vec<&str> = Vec::new();
        for Table(name, area, min, max, online) in TABLES {
            if !areas.contains(area) {
                areas.push(area);
                sqlx::query("INSERT INTO areas (restaurant_id, name, position) VALUES ($1, $2, $3)")
                    .bind(restaurant_id)
                    .bind(*area)
                    .bind(areas.len() as i64)
                    .execute(&mut *tx)
                    .await?;
            }
            let placed = TABLES
                .iter()
                .take_while(|t| t.0 != *name)
                .filter(|t| t.1 == *area)
                .count() as i64;
            let (shape, width) = match max {
                ..=2 => ("round", 2_i64),
                ..=4 => ("square", 2),
                _ => ("rectangle", 3),
            };
            sqlx::query(
                "INSERT INTO dining_tables (restaurant_id, name, area_id, min_seats, max_seats, \
                 bookable_online, shape, x, y, width, height) \
                 SELECT $1, $2, a.id, $4, $5, $6, $7, $8, $9, $10, 2 FROM areas a \
                 WHERE a.restaurant_id = $1 AND a.name = $3",
            )
            .bind(restaurant_id)
            .bind(name)
            .bind(area)
            .bind(min)
            .bind(max)
            .bind(online)
            .bind(shape)
            .bind((placed % 6) * 4)
            .bind((placed / 6) * 3)
            .bind(width)
            .execute(&mut *tx)
            .await?;
        }

        for (name, members) in COMBINATIONS {
            let combination_id: i64 = sqlx::query_scalar(
                "INSERT INTO table_combinations (restaurant_id, name) VALUES ($1, $2) RETURNING id",
            )
            .bind(restaurant_id)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
            for table in *members {
                sqlx::query(
                    "INSERT INTO table_combination_members (combination_id, table_id) \
                     SELECT $1, id FROM dining_tables WHERE restaurant_id = $2 AND name = $3",
                )
                .bind(combination_id)
                .bind(restaurant_id)
                .bind(table)
                .execute(&mut *tx)
                .await?;
            }
        }

        for (position, (fr, en, dishes)) in (0_i64..).zip(MENU) {
            let category_id: i64 = sqlx::query_scalar(
                "INSERT INTO menu_categories (restaurant_id, position, name_fr, name_en) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(restaurant_id)
            .bind(position)
            .bind(fr)
            .bind(en)
            .fetch_one(&mut *tx)
            .await?;
            for (position, Dish(name_fr, name_en, desc_fr, desc_en, price, allergens, diets)) in (0_i64..).zip(dishes.iter()) {
                sqlx::query(
                    "INSERT INTO menu_items (category_id, position, name_fr, name_en, description_fr, \
                     description_en, price_cents, allergens, diets) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(category_id)
                .bind(position)
                .bind(name_fr)
                .bind(name_en)
                .bind(desc_fr)
                .bind(desc_en)
                .bind(price)
                .bind(Allergen::to_bits(allergens))
                .bind(Diet::to_bits(diets))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
    });
    tracing::info!("loaded the demo restaurant");
    Ok(true)
}
