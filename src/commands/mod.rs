//! One file per subcommand.

pub mod build;
