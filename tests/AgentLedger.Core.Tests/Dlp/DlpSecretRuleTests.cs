using AgentLedger.Core.Dlp;

namespace AgentLedger.Core.Tests.Dlp;

public sealed class DlpSecretRuleTests
{
    private const string PemBody = "MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naX4aSt1SGfQxCmJq9SQ6Rz2vXJ5lQm1Jj3LxS4mZ0pVbq7D0n9k8W2cR4hX1tYeL";

    [Theory]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "키AKIAIOSFODNN7EXAMPLE값", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A", "ASIAY34FZKBOKMUTVV7A")]
    [InlineData(DlpRuleIds.AwsSecretAccessKey, "aws_secret_access_key = L6j5IXAAjlsHUqJoUD+/Ydua/5ZMs1SWOpQaPRYp", "L6j5IXAAjlsHUqJoUD+/Ydua/5ZMs1SWOpQaPRYp")]
    [InlineData(DlpRuleIds.AwsSecretAccessKey, "{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData(DlpRuleIds.GcpApiKey, "키는AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV입니다", "AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV")]
    [InlineData(DlpRuleIds.GitHubToken, "토큰ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs사용", "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs")]
    [InlineData(DlpRuleIds.GitHubToken, "GH_TOKEN=gho_MehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8r", "gho_MehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8r")]
    [InlineData(DlpRuleIds.GitHubToken, "installation ghs_ESQedUStPKR0CsTy4Qwb8DwkNhFdnXsiVpzz.", "ghs_ESQedUStPKR0CsTy4Qwb8DwkNhFdnXsiVpzz")]
    [InlineData(DlpRuleIds.GitHubFineGrainedPat, "pat: 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",
        "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")]
    [InlineData(DlpRuleIds.GitLabPat, "git clone https://oauth2:glpat-gnatmUdjAWtGSU8po_79@gitlab.com/x.git", "glpat-gnatmUdjAWtGSU8po_79")]
    [InlineData(DlpRuleIds.SlackToken, "슬랙xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx봇", "xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData(DlpRuleIds.StripeLiveKey, "Stripe.ApiKey = \"sk_live_EtfjgVvVqE1SkHbn88HxjSI6\";", "sk_live_EtfjgVvVqE1SkHbn88HxjSI6")]
    [InlineData(DlpRuleIds.StripeLiveKey, "restricted rk_live_bWHtP3fS2qHx6kwXoIIXGvOo", "rk_live_bWHtP3fS2qHx6kwXoIIXGvOo")]
    [InlineData(DlpRuleIds.OpenAiApiKey, "OPENAI_API_KEY=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",
        "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")]
    [InlineData(DlpRuleIds.OpenAiApiKey, "키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값", "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")]
    [InlineData(DlpRuleIds.AnthropicApiKey, "ANTHROPIC_API_KEY=\"sk-ant-api03-lJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5n3-YNBDRzrZSgqbjG3uhkWKFLf6xuI5aHUQPFeNBTxaQWk8AA\"",
        "sk-ant-api03-lJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5n3-YNBDRzrZSgqbjG3uhkWKFLf6xuI5aHUQPFeNBTxaQWk8AA")]
    [InlineData(DlpRuleIds.Jwt, "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")]
    [InlineData(DlpRuleIds.AzureStorageAccountKey, "AZURE_STORAGE_KEY=JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk8c==",
        "JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk8c==")]
    [InlineData(DlpRuleIds.AzureStorageConnectionString, "conn=DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk8c==;EndpointSuffix=core.windows.net",
        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk8c==;EndpointSuffix=core.windows.net")]
    [InlineData(DlpRuleIds.GenericCredential, "db_password = \"Tr0ub4dor&3xyz\"", "Tr0ub4dor&3xyz")]
    [InlineData(DlpRuleIds.GenericCredential, "api_key: 9f8e7d6c5b4a39281706f5e4", "9f8e7d6c5b4a39281706f5e4")]
    [InlineData(DlpRuleIds.GenericCredential, "비밀번호 password=Qx7!mZ2#vL9p입니다", "Qx7!mZ2#vL9p")]
    public void Scan_SecretInText_FindsExactlyTheValue(string rule, string text, string expected)
    {
        var found = DlpTestScanner.Find(text);

        Assert.Contains((rule, expected), found);
        Assert.Single(found);
    }

    [Theory]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "AKIAXXXXXXXXXXXXXXXX")]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "AKIAIOSFODNN7EXAMPLEX")]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "XAKIAIOSFODNN7EXAMPLE")]
    [InlineData(DlpRuleIds.AwsAccessKeyId, "akiaiosfodnn7example")]
    [InlineData(DlpRuleIds.AwsSecretAccessKey, "aws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData(DlpRuleIds.AwsSecretAccessKey, "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}")]
    [InlineData(DlpRuleIds.GcpApiKey, "AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxny")]
    [InlineData(DlpRuleIds.GitHubToken, "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUC")]
    [InlineData(DlpRuleIds.GitHubToken, "ghx_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs")]
    [InlineData(DlpRuleIds.GitLabPat, "glpat-short")]
    [InlineData(DlpRuleIds.SlackToken, "xoxb-not-a-token")]
    [InlineData(DlpRuleIds.StripeLiveKey, "sk_test_EtfjgVvVqE1SkHbn88HxjSI6")]
    [InlineData(DlpRuleIds.OpenAiApiKey, "sk-proj-abc123")]
    [InlineData(DlpRuleIds.AnthropicApiKey, "sk-ant-api03-tooShort")]
    [InlineData(DlpRuleIds.Jwt, "eyJ0eXAiOiAiSldUIiwgImtpZCI6ICJ4In0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop")]
    [InlineData(DlpRuleIds.PrivateKey, "-----BEGIN PUBLIC KEY-----\n" + PemBody + "\n-----END PUBLIC KEY-----")]
    [InlineData(DlpRuleIds.GenericCredential, "password = password")]
    [InlineData(DlpRuleIds.GenericCredential, "password = \"changeme123\"")]
    [InlineData(DlpRuleIds.GenericCredential, "token = os.environ[\"GITHUB_TOKEN\"]")]
    [InlineData(DlpRuleIds.GenericCredential, "max_tokens = 4096")]
    [InlineData(DlpRuleIds.GenericCredential, "tokens_used: 123456789")]
    [InlineData(DlpRuleIds.GenericCredential, "secret: process.env.SESSION_SECRET")]
    [InlineData(DlpRuleIds.GenericCredential, "tokenizer = AutoTokenizer.from_pretrained(name)")]
    [InlineData(DlpRuleIds.GenericCredential, "api_key: your_api_key_here_123")]
    public void Scan_NearMiss_FindsNothingForTheRule(string rule, string text)
    {
        Assert.DoesNotContain(DlpTestScanner.Find(text), f => f.Rule == rule);
    }

    [Fact]
    public void Scan_PemBlock_FindsTheWholeBlock()
    {
        var block = "-----BEGIN RSA PRIVATE KEY-----\n" + PemBody + "\n-----END RSA PRIVATE KEY-----";

        var found = DlpTestScanner.Find("개인키:" + block + "끝");

        Assert.Equal([(DlpRuleIds.PrivateKey, block)], found);
    }

    [Fact]
    public void Scan_ServiceAccountJson_FindsThePrivateKeyValue()
    {
        var value = "-----BEGIN PRIVATE KEY-----\\n" + PemBody.Replace("\n", "\\n", StringComparison.Ordinal) + "\\n-----END PRIVATE KEY-----\\n";
        var json = "{\"type\": \"service_account\", \"project_id\": \"demo\", \"private_key\": \"" + value + "\", \"client_email\": \"svc@demo.iam.gserviceaccount.com\"}";

        var found = DlpTestScanner.Find(json);

        Assert.Contains((DlpRuleIds.GcpServiceAccountKey, value), found);
        Assert.DoesNotContain(found, f => f.Rule == DlpRuleIds.PrivateKey);
    }

    [Fact]
    public void Scan_TokenAssignedToCredentialName_IsReportedByTheSpecificRuleOnly()
    {
        var found = DlpTestScanner.Find("api_key = \"ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs\"");

        Assert.Equal([(DlpRuleIds.GitHubToken, "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs")], found);
    }
}
