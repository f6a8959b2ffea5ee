//! Jekyll compatibility: a Jekyll blog builds where it stands. `_config.yml` becomes the
//! site's settings ([`config`]), its posts and pages ([`pages`]) are read where they are.

pub mod assets;
pub mod config;
pub mod feeds;
pub mod gist;
pub mod kramdown;
pub mod kramdown_abbr;
pub mod kramdown_escape;
pub mod kramdown_table;
pub mod language;
pub mod liquid;
pub mod liquid_expr;
pub mod mathjax;
pub mod media;
pub mod navigation;
pub mod pages;
pub mod social;
pub mod url;
