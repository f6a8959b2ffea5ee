//! Time zones by IANA name (`Asia/Seoul`), from the copy of the IANA time zone database
//! built into hoego.
//!
//! jiff's default database is the system's (`/usr/share/zoneinfo`), whose 1,800 files it
//! lists the first time a zone is asked for: half a millisecond on every start, before the
//! build can do anything else, and more on a cold disk. The built-in copy is read from the
//! binary, and it makes a site's dates the same on every machine that builds it, whatever
//! version of the database the machine has.

use jiff::tz::{TimeZone, TimeZoneDatabase};

/// The zone named `name` (any ASCII case), or jiff's error naming it.
pub fn get(name: &str) -> Result<TimeZone, jiff::Error> {
    TimeZoneDatabase::bundled().get(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_found_by_name_in_any_case() {
        let seoul = get("asia/seoul").unwrap();
        assert_eq!(seoul.iana_name(), Some("Asia/Seoul"));
        assert_eq!(get("UTC").unwrap(), TimeZone::UTC);
        assert!(get("Mars/Olympus_Mons").is_err());
        let noon = jiff::civil::date(2024, 7, 1).at(12, 0, 0, 0);
        let offset = seoul.to_offset(seoul.to_timestamp(noon).unwrap());
        assert_eq!(offset.seconds(), 9 * 3600);
    }
}
