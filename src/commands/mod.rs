//! One file per subcommand, and the warnings they print.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod retro_new;
pub mod warnings;
