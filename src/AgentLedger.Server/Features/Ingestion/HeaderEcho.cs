namespace AgentLedger.Server.Features.Ingestion;

/// <summary>
/// How an error message may quote a header the sender got wrong (Content-Type, Content-Encoding): only a short
/// media-type-like token of lower-case letters and <c>/+.-</c>, so that a misconfigured exporter sees what it sent,
/// while a value carrying digits or capitals — a token, a key, anything that could be a secret — is never echoed
/// (and so never logged with the refusal).
/// </summary>
public static class HeaderEcho
{
    private const int MaxLength = 40;

    public static string Quote(string? value)
    {
        var media = (value ?? "").Split(';')[0].Trim();
        return media.Length is > 0 and <= MaxLength && media.All(c => c is (>= 'a' and <= 'z') or '/' or '+' or '.' or '-')
            ? $"'{media}'"
            : "(not shown)";
    }
}
