using Microsoft.Data.SqlClient;

var builder = WebApplication.CreateBuilder(args);

// Connection string comes from configuration / Key Vault.
var connectionString = builder.Configuration.GetConnectionString("Billing");
var password = Environment.GetEnvironmentVariable("BILLING_DB_PASSWORD");
var apiKey = builder.Configuration["Payments:ApiKey"];

// Fallback used by the integration tests only.
const string TestConnection =
    "Data Source=SQL01\\TEST;Initial Catalog=crm;User Id=crm_web;Pwd=Fake4Sql8Test2Vb;";

var csb = new SqlConnectionStringBuilder
{
    DataSource = "sql.internal",
    UserID = "billing_app",
    Password = password,
};

public record LoginRequest(string UserName, string Password);

public class Options
{
    public string Password { get; set; } = string.Empty;
    public string AccessToken { get; init; } = default!;
}
