//! The staff's reservations list: filtered, searched, sorted and read a
//! page at a time by keyset (a cursor), so that page 1,000 costs what page
//! one does and a CSV export reads any number of bookings in flat memory.
//!
//! Every filter is in the one SQL text, portable to SQLite and PostgreSQL:
//! a filter left out is bound to the value that lets every row through
//! (an empty list, the widest party range), and the first page's cursor is
//! a key before the first row. The date range always bounds the scan to
//! the `(restaurant_id, starts_at)` index.

use super::reservations::{with_tables, TableOfRow};
use super::{db_time, ReservationRow, ReservationWithTables, RESERVATION_COLUMNS};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, TimeZone, Utc};
use domain::ListSort;

/// From one instant to another (excluded).
pub type Span = (DateTime<Utc>, DateTime<Utc>);

/// The list's filters in the store's terms.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub restaurant_id: i64,
    /// Bookings starting within `from..to`.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Status and source names; empty: all.
    pub statuses: Vec<&'static str>,
    pub sources: Vec<&'static str>,
    pub party_min: u32,
    pub party_max: u32,
    /// Lower-cased search text; empty: no search.
    pub search: String,
    /// A guest tag; empty: any guest.
    pub tag: String,
    /// Bookings starting within one of these spans (a service on each
    /// day); `None`: any time.
    pub within: Option<Vec<Span>>,
    pub sort: ListSort,
    /// The sort key and id of the last row of the previous page.
    pub after: Option<(DateTime<Utc>, i64)>,
    pub limit: u32,
}

/// Bookings matching the filters, over every page (a search's, up to its
/// cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListTotals {
    pub matched: i64,
    pub covers: i64,
    /// A search matched more than the cap: the figures count the cap.
    pub more: bool,
}

/// `$1`..`$7`: restaurant, from, to, statuses, sources, party range.
const FILTER: &str = "r.restaurant_id = $1 AND r.starts_at >= $2 AND r.starts_at < $3 \
     AND ($4 = '' OR (',' || $4 || ',') LIKE ('%,' || r.status || ',%')) \
     AND ($5 = '' OR (',' || $5 || ',') LIKE ('%,' || r.source || ',%')) \
     AND r.party_size >= $6 AND r.party_size <= $7";

/// The text a PostgreSQL search reads, word for word the expression of the
/// `reservations_search` trigram index (so the index answers it): the
/// name, e-mail key, reference and phone digits, lower-cased.
macro_rules! search_text {
    () => {
        "LOWER(r.guest_name || ' ' || r.guest_email_key || ' ' || r.reference || ' ' \
         || REPLACE(REPLACE(REPLACE(r.guest_phone, ' ', ''), '-', ''), '.', ''))"
    };
}

/// How a search is run. Each way reads `$8` and `$9`, bound by
/// [`ListQuery::search_params`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// No search: the totals are read from the `reservations_list` index
    /// alone.
    None,
    /// PostgreSQL: `LIKE` over [`search_text!`], which the trigram index
    /// answers.
    Trigram,
    /// SQLite, three characters or more: the `reservations_search`
    /// full-text table (trigram tokenizer, case folded for every letter).
    FullText,
    /// SQLite, one or two characters (too short for trigrams): each
    /// booking of the range compared. `LOWER` folds ASCII letters only
    /// there, so a capital `É` is found as typed.
    Scan,
}

impl Search {
    fn clause(self) -> &'static str {
        match self {
            Search::None => " AND $8 = '' AND $9 = $9",
            // `$9`: the digits pattern, or the text's again.
            Search::Trigram => concat!(
                " AND (",
                search_text!(),
                " LIKE $8 ESCAPE '\\' OR ",
                search_text!(),
                " LIKE $9 ESCAPE '\\')"
            ),
            // `$8`: a full-text query; `$9` unused. The matches are a set
            // each row of the range is looked up in (`+` keeps the planner
            // from reading the matches first and sorting them all: the
            // range's index gives the order, and a page stops at its
            // length).
            Search::FullText => {
                " AND $9 = $9 AND +r.id IN (SELECT rowid FROM reservations_search \
                 WHERE reservations_search MATCH $8)"
            }
            // `$8`, `$9`: the text and its digits as patterns (phone
            // numbers compared without their spaces, dashes and dots).
            Search::Scan => {
                " AND (LOWER(r.guest_name) LIKE $8 ESCAPE '\\' \
                 OR r.guest_email_key LIKE $8 ESCAPE '\\' \
                 OR LOWER(r.reference) LIKE $8 ESCAPE '\\' \
                 OR ($9 <> '' AND REPLACE(REPLACE(REPLACE(r.guest_phone, ' ', ''), '-', ''), '.', '') LIKE $9))"
            }
        }
    }
}

/// `$10`: a guest tag; only there when one is asked, since the clause
/// reads the profile, which the index does not hold.
const TAG_FILTER: &str = " AND EXISTS (SELECT 1 FROM guests g WHERE g.id = r.guest_id \
     AND (',' || g.tags || ',') LIKE ('%,' || $10 || ',%'))";
const NO_TAG_FILTER: &str = " AND $10 = $10";

impl ListQuery {
    /// The filter's text for this query. The spans of a service, when one
    /// is asked, are bound from parameter `first` on, two by two (the page
    /// queries bind their cursor and length before them).
    fn filter(&self, search: Search, first: usize) -> String {
        let search = search.clause();
        let tag = if self.tag.is_empty() {
            NO_TAG_FILTER
        } else {
            TAG_FILTER
        };
        let within = match &self.within {
            None => String::new(),
            Some(spans) if spans.is_empty() => " AND 1 = 0".to_owned(),
            Some(spans) => {
                let each: Vec<String> = (0..spans.len())
                    .map(|i| {
                        let n = first + 2 * i;
                        format!("(r.starts_at >= ${n} AND r.starts_at < ${})", n + 1)
                    })
                    .collect();
                format!(" AND ({})", each.join(" OR "))
            }
        };
        format!("{FILTER}{search}{tag}{within}")
    }
}

/// The first parameter of the service spans in the page queries (after the
/// cursor and the page length) and in the totals (after the filters).
const PAGE_SPANS_FROM: usize = 14;
const TOTALS_SPANS_FROM: usize = 11;

/// `$11`, `$12`: the cursor; `$13`: the page's length. One text per sort.
fn page_tail(sort: ListSort) -> &'static str {
    // Each cursor condition repeats its first key as a plain bound, so
    // that the index seeks to the cursor instead of reading up to it.
    match sort {
        ListSort::Time => {
            " AND r.starts_at >= $11 AND (r.starts_at > $11 OR (r.starts_at = $11 AND r.id > $12)) \
             ORDER BY r.starts_at, r.id LIMIT $13"
        }
        ListSort::TimeDesc => {
            " AND r.starts_at <= $11 AND (r.starts_at < $11 OR (r.starts_at = $11 AND r.id < $12)) \
             ORDER BY r.starts_at DESC, r.id DESC LIMIT $13"
        }
        ListSort::Created => {
            " AND r.created_at <= $11 AND (r.created_at < $11 OR (r.created_at = $11 AND r.id < $12)) \
             ORDER BY r.created_at DESC, r.id DESC LIMIT $13"
        }
    }
}

/// A search's `LIKE` patterns: the text anywhere (for names, e-mail keys,
/// references) and, when it has three digits or more, its digits anywhere
/// (for phone numbers compared without their spaces, dashes and dots);
/// empty when there is nothing to look for.
pub(crate) fn search_patterns(search: &str) -> (String, String) {
    if search.is_empty() {
        return (String::new(), String::new());
    }
    let digits: String = search.chars().filter(char::is_ascii_digit).collect();
    let phone = if digits.len() >= 3 {
        format!("%{digits}%")
    } else {
        String::new()
    };
    (contains_pattern(search), phone)
}

/// A full-text query (FTS5, trigram tokenizer) finding `search` anywhere,
/// or, when it has three digits or more, its digits (phone numbers are
/// indexed without their spaces, dashes and dots). Quoted: every
/// character is literal.
fn full_text_query(search: &str) -> String {
    let phrase = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let digits: String = search.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 3 && digits != search {
        format!("{} OR {}", phrase(search), phrase(&digits))
    } else {
        phrase(search)
    }
}

/// `text` as a `LIKE` pattern matching it anywhere.
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl ListQuery {
    /// How this query's search runs on `store`'s database.
    fn search_on(&self, store: &Store) -> Search {
        let sqlite = matches!(store.pool(), crate::store::Pool::Sqlite(_));
        match () {
            () if self.search.is_empty() => Search::None,
            () if !sqlite => Search::Trigram,
            () if self.search.chars().count() >= 3 => Search::FullText,
            () => Search::Scan,
        }
    }

    /// `$8` and `$9` for `search`.
    fn search_params(&self, search: Search) -> (String, String) {
        match search {
            Search::None => (String::new(), String::new()),
            Search::Scan => search_patterns(&self.search),
            Search::Trigram => {
                let (text, digits) = search_patterns(&self.search);
                let digits = if digits.is_empty() {
                    text.clone()
                } else {
                    digits
                };
                (text, digits)
            }
            Search::FullText => (full_text_query(&self.search), String::new()),
        }
    }

    /// The cursor, or a key before the first row of the first page.
    fn cursor(&self) -> (DateTime<Utc>, i64) {
        if let Some((at, id)) = self.after {
            return (db_time(at), id);
        }
        match self.sort {
            ListSort::Time => (db_time(self.from), i64::MIN),
            ListSort::TimeDesc => (db_time(self.to), i64::MAX),
            ListSort::Created => (
                Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0)
                    .single()
                    .unwrap_or(self.to),
                i64::MAX,
            ),
        }
    }
}

macro_rules! bind_filter {
    ($query:expr, $q:expr, $statuses:expr, $sources:expr, $pattern:expr) => {
        $query
            .bind($q.restaurant_id)
            .bind(db_time($q.from))
            .bind(db_time($q.to))
            .bind($statuses)
            .bind($sources)
            .bind(i64::from($q.party_min))
            .bind(i64::from($q.party_max))
            .bind(&$pattern.0)
            .bind(&$pattern.1)
            .bind(&$q.tag)
    };
}

/// Binds the spans of a service, after what `$query` binds already.
macro_rules! bind_within {
    ($query:expr, $q:expr) => {{
        let mut query = $query;
        for (from, to) in $q.within.iter().flatten() {
            query = query.bind(db_time(*from)).bind(db_time(*to));
        }
        query
    }};
}

impl Store {
    /// One page of the list with the tables of its bookings: two queries,
    /// each an index range scan bounded by the dates.
    pub async fn reservations_page(
        &self,
        q: &ListQuery,
    ) -> Result<Vec<ReservationWithTables>, StoreError> {
        let tail = page_tail(q.sort);
        let search = q.search_on(self);
        let filter = q.filter(search, PAGE_SPANS_FROM);
        let rows_sql =
            format!("SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE {filter}{tail}");
        let tables_sql = format!(
            "SELECT rt.reservation_id, rt.table_id FROM reservation_tables rt \
             WHERE rt.reservation_id IN (SELECT r.id FROM reservations r WHERE {filter}{tail}) \
             ORDER BY rt.reservation_id, rt.table_id"
        );
        let (statuses, sources, pattern) = (
            q.statuses.join(","),
            q.sources.join(","),
            q.search_params(search),
        );
        let (at, id) = q.cursor();
        let limit = i64::from(q.limit);
        let (rows, tables) = on_pool!(self, pool => {
            let rows = bind_within!(bind_filter!(sqlx::query_as::<_, ReservationRow>(&rows_sql), q, &statuses, &sources, pattern)
                .bind(at).bind(id).bind(limit), q).fetch_all(pool).await?;
            let tables = bind_within!(bind_filter!(sqlx::query_as::<_, TableOfRow>(&tables_sql), q, &statuses, &sources, pattern)
                .bind(at).bind(id).bind(limit), q).fetch_all(pool).await?;
            (rows, tables)
        });
        Ok(with_tables(rows, tables))
    }

    /// The database's plan for [`Store::reservations_page`]'s rows query,
    /// one line per step (for the benchmark's figures). Only the `EXPLAIN`
    /// differs between the backends.
    pub async fn explain_reservations_page(
        &self,
        q: &ListQuery,
    ) -> Result<Vec<String>, StoreError> {
        let search = q.search_on(self);
        let (tail, filter) = (page_tail(q.sort), q.filter(search, PAGE_SPANS_FROM));
        let rows_sql =
            format!("SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE {filter}{tail}");
        let (statuses, sources, pattern) = (
            q.statuses.join(","),
            q.sources.join(","),
            q.search_params(search),
        );
        let (at, id) = q.cursor();
        let limit = i64::from(q.limit);
        Ok(match self.pool() {
            crate::store::Pool::Sqlite(pool) => {
                let sql = format!("EXPLAIN QUERY PLAN {rows_sql}");
                let rows: Vec<(i64, i64, i64, String)> = bind_within!(
                    bind_filter!(sqlx::query_as(&sql), q, &statuses, &sources, pattern)
                        .bind(at)
                        .bind(id)
                        .bind(limit),
                    q
                )
                .fetch_all(pool)
                .await?;
                rows.into_iter().map(|r| r.3).collect()
            }
            crate::store::Pool::Postgres(pool) => {
                let sql = format!("EXPLAIN ANALYZE {rows_sql}");
                let rows: Vec<(String,)> = bind_within!(
                    bind_filter!(sqlx::query_as(&sql), q, &statuses, &sources, pattern)
                        .bind(at)
                        .bind(id)
                        .bind(limit),
                    q
                )
                .fetch_all(pool)
                .await?;
                rows.into_iter().map(|r| r.0).collect()
            }
        })
    }

    /// How many bookings match the filters (whatever the cursor), and
    /// their covers. Without a search the index alone answers; a search
    /// counts its first `search_cap` matches and one more, to tell there
    /// are more.
    pub async fn reservations_totals(
        &self,
        q: &ListQuery,
        search_cap: u32,
    ) -> Result<ListTotals, StoreError> {
        let search = q.search_on(self);
        let filter = q.filter(search, TOTALS_SPANS_FROM);
        let sql = if search == Search::None {
            format!(
                "SELECT COUNT(*), CAST(COALESCE(SUM(r.party_size), 0) AS BIGINT) \
                 FROM reservations r WHERE {filter}"
            )
        } else {
            format!(
                "SELECT COUNT(*), CAST(COALESCE(SUM(m.party_size), 0) AS BIGINT) FROM \
                 (SELECT r.party_size FROM reservations r WHERE {filter} LIMIT {}) m",
                u64::from(search_cap) + 1
            )
        };
        let (statuses, sources, pattern) = (
            q.statuses.join(","),
            q.sources.join(","),
            q.search_params(search),
        );
        let (matched, covers): (i64, i64) = on_pool!(self, pool => {
            bind_within!(bind_filter!(sqlx::query_as::<_, (i64, i64)>(&sql), q, &statuses, &sources, pattern), q)
                .fetch_one(pool).await
        })?;
        let cap = i64::from(search_cap);
        if search != Search::None && matched > cap {
            // The one over the cap is left out of both figures.
            let (matched, covers) = on_pool!(self, pool => {
                let sql = format!(
                    "SELECT COUNT(*), CAST(COALESCE(SUM(m.party_size), 0) AS BIGINT) FROM \
                     (SELECT r.party_size FROM reservations r WHERE {filter} LIMIT {cap}) m"
                );
                bind_within!(bind_filter!(sqlx::query_as::<_, (i64, i64)>(&sql), q, &statuses, &sources, pattern), q)
                    .fetch_one(pool).await
            })?;
            return Ok(ListTotals {
                matched,
                covers,
                more: true,
            });
        }
        Ok(ListTotals {
            matched,
            covers,
            more: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{contains_pattern, full_text_query};

    #[test]
    fn search_text_is_matched_literally() {
        assert_eq!(contains_pattern("ada"), "%ada%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(full_text_query("ada"), "\"ada\"");
        assert_eq!(full_text_query("a\"b OR c"), "\"a\"\"b OR c\"");
        assert_eq!(full_text_query("06 12 34"), "\"06 12 34\" OR \"061234\"");
        assert_eq!(full_text_query("061"), "\"061\"");
    }
}
