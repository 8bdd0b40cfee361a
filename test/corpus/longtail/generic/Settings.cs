namespace Acme.Checkout
{
    // Fake values for leakguard tests.
    public static class Settings
    {
        public const string ShipFastAPIKey = "FAKEtest4NOTREAL9Zq2Wm7Lk";
        public const string ShipFastApiKeyHeader = "X-ShipFast-Api-Key";
        public static string LingvoApiKey => System.Environment.GetEnvironmentVariable("LINGVO_API_KEY");
    }
}
