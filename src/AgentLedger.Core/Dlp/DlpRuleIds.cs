namespace AgentLedger.Core.Dlp;

/// <summary>The rule ids, as used in configuration (<c>Dlp:Rules:&lt;id&gt;</c>), findings and redaction markers.</summary>
public static class DlpRuleIds
{
    public const string PrivateKey = "private-key";
    public const string GcpServiceAccountKey = "gcp-service-account-key";
    public const string AwsAccessKeyId = "aws-access-key-id";
    public const string AwsSecretAccessKey = "aws-secret-access-key";
    public const string GcpApiKey = "gcp-api-key";
    public const string AzureStorageConnectionString = "azure-storage-connection-string";
    public const string AzureStorageAccountKey = "azure-storage-account-key";
    public const string GitHubFineGrainedPat = "github-fine-grained-pat";
    public const string GitHubToken = "github-token";
    public const string GitLabPat = "gitlab-pat";
    public const string SlackToken = "slack-token";
    public const string StripeLiveKey = "stripe-live-key";
    public const string AnthropicApiKey = "anthropic-api-key";
    public const string OpenAiApiKey = "openai-api-key";
    public const string Jwt = "jwt";
    public const string GenericCredential = "generic-credential";

    public const string KoreanResidentNumber = "kr-rrn";
    public const string UsSocialSecurityNumber = "us-ssn";
    public const string PaymentCard = "payment-card";
    public const string Iban = "iban";
    public const string Email = "email";
    public const string PhoneNumber = "phone-number";

    public static IReadOnlyList<string> Secrets { get; } =
    [
        PrivateKey, GcpServiceAccountKey, AwsAccessKeyId, AwsSecretAccessKey, GcpApiKey, AzureStorageConnectionString,
        AzureStorageAccountKey, GitHubFineGrainedPat, GitHubToken, GitLabPat, SlackToken, StripeLiveKey, AnthropicApiKey,
        OpenAiApiKey, Jwt, GenericCredential,
    ];

    public static IReadOnlyList<string> Pii { get; } = [KoreanResidentNumber, UsSocialSecurityNumber, PaymentCard, Iban, Email, PhoneNumber];

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([.. Secrets, .. Pii], StringComparer.Ordinal);
}
