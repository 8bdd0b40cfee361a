use std::env;

pub struct Settings {
    pub database_url: String,
    pub api_token: Option<String>,
}

impl Settings {
    pub fn from_env() -> Result<Self, env::VarError> {
        let password = env::var("DB_PASSWORD")?;
        let database_url = format!("postgres://orders:{}@pg.internal/orders", password);
        let api_token = env::var("API_TOKEN").ok();
        Ok(Self { database_url, api_token })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_url() {
        let url = "postgres://orders:secret@localhost/orders";
        assert!(url.starts_with("postgres://"));
    }
}
