using System.Globalization;
using System.Net;
using System.Text;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Writes a record as one ArcSight Common Event Format line:
/// <c>CEF:0|Vendor|Product|Version|Device Event Class ID|Name|Severity|Extension</c>, with the header escaping
/// (<c>\|</c>, <c>\\</c>) and extension escaping (<c>\=</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>) of the CEF spec
/// (../shared/reference/compliance-siem.md §1c). The class id is the record kind, the name its CODEX_LOG event type.
/// </summary>
public static class CefFormatter
{
    /// <summary>CEF severity (0–10) of an ordinary record; a record that reports an error gets <see cref="ErrorSeverity"/>.</summary>
    public const int NormalSeverity = 3;
    public const int ErrorSeverity = 5;

    public static string Format(ActivityRecord r, ProductInfo product) => Append(new StringBuilder(1024), r, product).ToString();

    /// <summary>Appends the record's CEF line (without a line break) to <paramref name="sb"/>.</summary>
    public static StringBuilder Append(StringBuilder sb, ActivityRecord r, ProductInfo product)
    {
        var status = CodexLogFormatter.StatusOf(r);
        sb.Append("CEF:0|");
        AppendHeader(sb, product.Vendor).Append('|');
        AppendHeader(sb, product.Name).Append('|');
        AppendHeader(sb, product.Version).Append('|');
        AppendHeader(sb, WireNames.Of(r.Kind)).Append('|');
        AppendHeader(sb, CodexLogEventTypes.Of(r.Kind)).Append('|');
        sb.Append(status == "error" ? ErrorSeverity : NormalSeverity).Append('|');

        var first = true;
        void Add(string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            sb.Append(key).Append('=');
            AppendExtensionValue(sb, value);
        }

        Add("rt", r.OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Add("externalId", r.EventId);
        Add("act", WireNames.Of(r.Kind));
        Add("cat", WireNames.Of(r.Surface));
        Add("outcome", status);
        Add("suid", r.UserId);
        Add("suser", r.Actor.Email ?? r.Actor.DisplayName ?? r.Actor.Login);
        Add("src", r.ClientIp is not null && IPAddress.TryParse(r.ClientIp, out _) ? r.ClientIp : null);
        Add("requestClientApplication", ComplianceJson.NonEmpty(r.UserAgent));
        Add("cs1Label", "workspace");
        Add("cs1", r.WorkspaceId);
        Add("cs2Label", r.Model is null ? null : "model");
        Add("cs2", r.Model);
        Add("cs3Label", r.SessionId is null ? null : "session_id");
        Add("cs3", r.SessionId);
        Add("cs4Label", "client_id");
        Add("cs4", WireNames.Of(r.ClientId));
        Add("cs5Label", "agent");
        Add("cs5", WireNames.Of(r.Agent));
        var response = r.ResponseText ?? r.ToolOutput;
        Add("cs6Label", response is null ? null : "response_text");
        Add("cs6", response);
        Add("cn1Label", "input_tokens");
        Add("cn1", r.Usage.InputTokens.ToString(CultureInfo.InvariantCulture));
        Add("cn2Label", "output_tokens");
        Add("cn2", r.Usage.OutputTokens.ToString(CultureInfo.InvariantCulture));
        Add("cn3Label", "seq");
        Add("cn3", r.Seq.ToString(CultureInfo.InvariantCulture));
        Add("msg", r.PromptText ?? r.ToolInput ?? r.Error);
        return sb;
    }

    private static StringBuilder AppendHeader(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '|': sb.Append(@"\|"); break;
                case '\r' or '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }

        return sb;
    }

    private static void AppendExtensionValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '=': sb.Append(@"\="); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
