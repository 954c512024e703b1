using System.Buffers;
using System.Globalization;
using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Writes items as RFC 5424 syslog messages in RFC 6587 / RFC 5425 octet-counting frames (<c>MSG-LEN SP
/// SYSLOG-MSG</c>): <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME agentledger - MSGID [agentledger@32473 …] BOM MSG</c>. PRI is
/// facility 13 (log audit) with severity informational, or warning for a record that reports an error. MSGID is
/// the record kind or the audit action. The structured data carries the fields a SIEM indexes on; its values escape
/// <c>"</c>, <c>\</c> and <c>]</c> with a backslash (RFC 5424 §6.3.3). 32473 is the private enterprise number that
/// RFC 5612 reserves for documentation, as AgentLedger has none of its own. MSG is the payload format's event.
/// </summary>
public sealed class SyslogMessageFormatter(SiemEventWriter events, string hostname)
{
    public const string AppName = "agentledger";
    public const string SdId = "agentledger@32473";
    public const int Facility = 13;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly string _hostname = Sanitize(hostname, 255);

    /// <summary>Appends the framed message of <paramref name="item"/> to <paramref name="output"/>.</summary>
    public void AppendFrame(ArrayBufferWriter<byte> output, SiemItem item)
    {
        var message = Message(item);
        var length = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        output.Write(length);
        output.Write(message);
    }

    /// <summary>The unframed SYSLOG-MSG.</summary>
    public byte[] Message(SiemItem item)
    {
        var error = item.Record is { } r && CodexLogFormatter.StatusOf(r) == "error";
        var severity = error ? 4 : 6;
        var msgId = item.Record is { } record ? WireNames.Of(record.Kind) : item.Audit!.Action;
        var header = new StringBuilder(256)
            .Append('<').Append((Facility * 8) + severity).Append(">1 ")
            .Append(ComplianceJson.Timestamp(item.At)).Append(' ')
            .Append(_hostname).Append(' ')
            .Append(AppName).Append(" - ")
            .Append(Sanitize(msgId, 32)).Append(' ');
        AppendStructuredData(header, item);
        header.Append(' ');
        var head = Encoding.UTF8.GetBytes(header.ToString());
        var body = events.ToUtf8(item);
        var message = new byte[head.Length + Bom.Length + body.Length];
        head.CopyTo(message, 0);
        Bom.CopyTo(message, head.Length);
        body.CopyTo(message, head.Length + Bom.Length);
        return message;
    }

    /// <summary>The SD-PARAMs of an item, in order; null values are left out.</summary>
    public static IReadOnlyList<(string Name, string Value)> Parameters(SiemItem item)
    {
        var list = new List<(string, string)>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                list.Add((name, value));
            }
        }

        Add("seq", item.Seq.ToString(CultureInfo.InvariantCulture));
        Add("id", item.Id);
        if (item.Record is { } r)
        {
            Add("workspace", r.WorkspaceId);
            Add("kind", WireNames.Of(r.Kind));
            Add("agent", WireNames.Of(r.Agent));
            Add("client_id", WireNames.Of(r.ClientId));
            Add("user_id", r.UserId);
            Add("user_email", r.Actor.Email);
            Add("model", r.Model);
            Add("session_id", r.SessionId);
            Add("input_tokens", r.Usage.InputTokens.ToString(CultureInfo.InvariantCulture));
            Add("output_tokens", r.Usage.OutputTokens.ToString(CultureInfo.InvariantCulture));
            Add("status", CodexLogFormatter.StatusOf(r));
        }
        else
        {
            var a = item.Audit!;
            Add("workspace", a.WorkspaceId);
            Add("action", a.Action);
            Add("result", AuditLogFormatter.ResultName(a.Result));
            Add("actor_type", a.Actor.Type);
            Add("actor_id", a.Actor.Id);
        }

        return list;
    }

    private static void AppendStructuredData(StringBuilder sb, SiemItem item)
    {
        sb.Append('[').Append(SdId);
        foreach (var (name, value) in Parameters(item))
        {
            sb.Append(' ').Append(name).Append("=\"");
            AppendParamValue(sb, value);
            sb.Append('"');
        }

        sb.Append(']');
    }

    /// <summary>RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' MUST be escaped with a backslash.</summary>
    public static void AppendParamValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    /// <summary>A header field: PRINTUSASCII (33–126) only, at most <paramref name="max"/> characters, "-" when empty.</summary>
    public static string Sanitize(string value, int max)
    {
        var sb = new StringBuilder(Math.Min(value.Length, max));
        foreach (var c in value)
        {
            if (sb.Length == max)
            {
                break;
            }

            sb.Append(c is >= '!' and <= '~' ? c : '_');
        }

        return sb.Length == 0 ? "-" : sb.ToString();
    }
}
