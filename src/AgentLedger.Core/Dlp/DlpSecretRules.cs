namespace AgentLedger.Core.Dlp;

/// <summary>
/// The secret detectors, most specific first: where two rules match overlapping text the earlier one wins, so a
/// token inside <c>api_key = "…"</c> is reported by its own rule, not as a generic credential. Patterns follow
/// gitleaks (MIT) with <c>\b</c> replaced by ASCII boundary checks (see <see cref="DlpChecks"/>).
/// </summary>
public static class DlpSecretRules
{
    public static IEnumerable<DlpRule> Create(TimeSpan timeout)
    {
        yield return new DlpRule(DlpRuleIds.GcpServiceAccountKey, DlpCategory.Secret,
            @"""private_key""[ \t]*:[ \t]*""(?<v>-----BEGIN (RSA )?PRIVATE KEY-----[^""]{64,}?-----END (RSA )?PRIVATE KEY-----(\\n)?)""",
            ["private_key"], Always, timeout);
        yield return new DlpRule(DlpRuleIds.PrivateKey, DlpCategory.Secret,
            @"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----",
            ["PRIVATE KEY"], Always, timeout);
        yield return new DlpRule(DlpRuleIds.AwsAccessKeyId, DlpCategory.Secret,
            "(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
            ["a3t", "akia", "asia", "abia", "acca"],
            (text, start, length) => Word(text, start, length) && DlpChecks.Entropy(text.AsSpan(start, length)) >= 3.0, timeout);
        yield return new DlpRule(DlpRuleIds.AwsSecretAccessKey, DlpCategory.Secret,
            """(?i)(aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?[ \t]*(=|:|=>|:=)[ \t]*["']?(?<v>[a-z0-9/+]{40})""",
            ["secret"],
            (text, start, length) => EndsBase64(text, start, length) && DlpChecks.Entropy(text.AsSpan(start, length)) >= 4.0, timeout);
        yield return new DlpRule(DlpRuleIds.GcpApiKey, DlpCategory.Secret, "AIza[0-9A-Za-z_-]{35}", ["aiza"], Token, timeout);
        yield return new DlpRule(DlpRuleIds.AzureStorageConnectionString, DlpCategory.Secret,
            "(?i)DefaultEndpointsProtocol=https?;AccountName=[a-z0-9]{3,24};AccountKey=[a-z0-9+/]{86}==(;EndpointSuffix=[a-z0-9.]+)?",
            ["accountkey"], Always, timeout);
        yield return new DlpRule(DlpRuleIds.AzureStorageAccountKey, DlpCategory.Secret,
            """(?i)(AccountKey|azure_?storage_?(account_?)?key)["']?[ \t]*[=:][ \t]*["']?(?<v>[a-z0-9+/]{86}==)""",
            ["accountkey", "storage"],
            EndsBase64, timeout);
        yield return new DlpRule(DlpRuleIds.GitHubFineGrainedPat, DlpCategory.Secret, "github_pat_[0-9A-Za-z_]{82}", ["github_pat_"], Word, timeout);
        yield return new DlpRule(DlpRuleIds.GitHubToken, DlpCategory.Secret, "gh[pousr]_[0-9A-Za-z]{36}", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], Word, timeout);
        yield return new DlpRule(DlpRuleIds.GitLabPat, DlpCategory.Secret, @"glpat-[0-9A-Za-z_-]{20,300}(\.[0-9A-Za-z]{2,20}){0,2}", ["glpat-"], Token, timeout);
        yield return new DlpRule(DlpRuleIds.SlackToken, DlpCategory.Secret, "xox[abpr]-[0-9]{1,13}-[0-9A-Za-z-]{10,250}", ["xoxa-", "xoxb-", "xoxp-", "xoxr-"], Token, timeout);
        yield return new DlpRule(DlpRuleIds.StripeLiveKey, DlpCategory.Secret, "[rs]k_live_[0-9A-Za-z]{10,99}", ["sk_live_", "rk_live_"], Word, timeout);
        yield return new DlpRule(DlpRuleIds.AnthropicApiKey, DlpCategory.Secret, "sk-ant-(api|admin|oat|ort)[0-9]{2}-[0-9A-Za-z_-]{80,120}", ["sk-ant-"], Token, timeout);
        yield return new DlpRule(DlpRuleIds.OpenAiApiKey, DlpCategory.Secret,
            "sk-(proj|svcacct|admin)-[0-9A-Za-z_-]{20,200}T3BlbkFJ[0-9A-Za-z_-]{20,200}|sk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}",
            ["T3BlbkFJ"], Token, timeout);
        yield return new DlpRule(DlpRuleIds.Jwt, DlpCategory.Secret, @"eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]*", ["eyJ"],
            (text, start, length) => DlpChecks.Isolated(text, start, length, c => DlpChecks.IsTokenChar(c) || c == '.') && DlpCredentialChecks.IsJwt(text.AsSpan(start, length)), timeout);
        yield return new DlpRule(DlpRuleIds.GenericCredential, DlpCategory.Secret, DlpCredentialChecks.AssignmentPattern, DlpCredentialChecks.Keywords, DlpCredentialChecks.IsCredentialValue, timeout);
    }

    private static bool Always(string text, int start, int length) => true;

    /// <summary>An assigned base64 value: the regex anchors its start; it must not run on into more base64.</summary>
    private static bool EndsBase64(string text, int start, int length)
    {
        var end = start + length;
        return end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] is '/' or '+' or '=');
    }

    private static bool Word(string text, int start, int length) => DlpChecks.Isolated(text, start, length, DlpChecks.IsAsciiWord);

    private static bool Token(string text, int start, int length) => DlpChecks.Isolated(text, start, length, DlpChecks.IsTokenChar);
}
