//! Domain types shared by the server and the WASM client.
//!
//! Everything here is pure: no I/O, no clock, no database. Values are
//! validated once, at the boundary, through `parse` constructors; a value of
//! one of these types is therefore always valid.

pub mod about;
pub mod account;
pub mod blocks;
pub mod booking;
pub mod contact;
pub mod floor;
pub mod form;
pub mod guests;
pub mod menu;
pub mod payments;
pub mod photo;
pub mod restaurant;
pub mod settings;
pub mod team;
pub mod time;

pub use about::{about_blocks, AboutBlock};
pub use account::{Password, PasswordError, Role, UserView};
pub use blocks::{BlockForm, BlockInput, LocalDateTime, TableBlock};
pub use booking::{
    Alternative, BookedReservation, BookingPolicy, DayFlag, DaySlots, DetailsError, Email,
    FreeSlot, GuestDetails, GuestName, Locale, MonthDays, NextFree, Notes, PartySize, PeriodSlots,
    Phone, ReservationStatus, ReservationView, SlotReason, SlotView,
};
pub use booking::{
    BookingFlag, DayBlock, PacingSlot, ReservationSource, ShiftNote, StaffDay, StaffPeriod,
    StaffReservation, StaffTable, Stage,
};
pub use booking::{
    BulkAction, BulkKind, BulkOutcome, BulkRefusal, Cursor, ListSort, ReservationFilter,
    ReservationFilterInput, ReservationPage,
};
pub use booking::{CalendarDay, CalendarPeriod, CalendarSpan, CalendarView};
pub use booking::{
    CancelReason, HistoryChange, HistoryEntry, InternalNote, StaffBooking, StaffBookingInput,
    StaffReservationDetails,
};
pub use booking::{LiveArea, LiveFloor, LiveTable, TableNow};
pub use contact::{ContactForm, ContactInput, ContactMessage, Handled};
pub use floor::{
    Area, AreaForm, AreaInput, CombinationForm, CombinationInput, Floor, FloorTable, TableBooking,
    TableCombination, TableForm, TableInput, TableShape,
};
pub use form::{given, FieldError, Registration, ReservationPatch, ReservationPatchInput};
pub use guests::{
    GuestBooking, GuestNotes, GuestNotesInput, GuestPage, GuestProfile, GuestSearch,
    GuestSearchInput, GuestSummary, GuestTags,
};
pub use menu::{
    menu_as_of, parse_price, price_input, Allergen, CategoryForm, CategoryInput, Diet, Direction,
    ItemForm, ItemInput, MenuCategory, MenuFilter, MenuItem, Tag,
};
pub use payments::{
    PaymentDay, PaymentFilter, PaymentFilterInput, PaymentList, PaymentTotals, StaffPayment,
};
pub use payments::{
    PaymentKind, PaymentMode, PaymentPage, PaymentPolicy, PaymentPolicyInput, PaymentSettings,
    PaymentStatus, PaymentTerms, PaymentView, RefundForm, RefundInput,
};
pub use photo::{AltInput, GalleryPhoto, Photo};
pub use restaurant::{
    format_phone, format_price, weekly_hours, Address, DayHours, Localized, RestaurantInfo,
    ServiceKind, ServicePeriod,
};
pub use settings::{
    audit_changes, AuditChange, AuditEntry, AuditFields, AuditPage, AuditSubject, BookingRules,
    ExceptionForm, ExceptionInput, HoursException, OutsideBooking, PeriodInput, PeriodTimes,
    RestaurantForm, RestaurantInput, RestaurantSettings, RulesForm, RulesInput, Settings, TurnBand,
    WeeklyForm, WeeklyInput, WeeklyPeriod,
};
pub use team::{team_role, MemberStatus, Team, TeamMember};
pub use time::{Date, DateError, Month, TimeOfDay, Weekday};
