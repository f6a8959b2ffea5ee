//! Jekyll compatibility: a Jekyll blog builds where it stands. `_config.yml` becomes the
//! site's settings ([`config`]).

pub mod config;
pub mod kramdown;
pub mod liquid;
pub mod liquid_expr;
pub mod social;
pub mod url;
