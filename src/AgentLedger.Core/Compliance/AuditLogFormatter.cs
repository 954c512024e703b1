using System.Buffers;
using System.Text.Json;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Writes an <see cref="AuditEvent"/> as one <c>AUDIT_LOG</c> line in the shape of OpenAI's Compliance Logs Platform
/// (<c>event_id, type, principal, actor, timestamp, action_result, action_privilege, request_metadata, action_data,
/// action</c>), as Elastic's <c>openai_chatgpt_enterprise</c> integration reads it. <c>seq</c> is added for collectors
/// that want to check they have every line.
/// </summary>
public static class AuditLogFormatter
{
    public static void WriteLine(IBufferWriter<byte> output, AuditEvent e)
    {
        using (var writer = new Utf8JsonWriter(output, ComplianceJson.WriterOptions))
        {
            Write(writer, e);
        }

        output.Write("\n"u8);
    }

    public static void Write(Utf8JsonWriter w, AuditEvent e)
    {
        w.WriteStartObject();
        w.WriteString("event_id", e.EventId);
        w.WriteString("type", ComplianceLogTypes.AuditLog);
        w.WriteStartObject("principal");
        w.WriteString("id", e.WorkspaceId);
        w.WriteString("type", CodexLogFormatter.PrincipalType);
        w.WriteEndObject();
        w.WriteStartObject("actor");
        w.WriteString("type", e.Actor.Type);
        if (e.Actor.Type == AuditActor.ApiKeyType && e.Actor.Id is not null)
        {
            w.WriteString("key_id", e.Actor.Id);
            w.WriteString("redacted_id", Keys.ApiKeySecret.Prefix + e.Actor.Id + "_…");
        }
        else
        {
            w.WriteStringIfNotNull("account", e.Actor.Id);
        }

        w.WriteStringIfNotNull("name", e.Actor.Name);
        w.WriteEndObject();
        w.WriteString("timestamp", ComplianceJson.Timestamp(e.OccurredAt));
        w.WriteString("action_result", ResultName(e.Result));
        w.WriteStringIfNotNull("action_privilege", e.Privilege);
        if (e.ClientIp is not null || e.UserAgent is not null)
        {
            w.WriteStartObject("request_metadata");
            w.WriteStringIfNotNull("client_ip", e.ClientIp);
            w.WriteStringIfNotNull("client_user_agent", e.UserAgent);
            w.WriteEndObject();
        }

        w.WritePropertyName("action_data");
        if (e.ActionData is null)
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        else
        {
            e.ActionData.WriteTo(w);
        }

        w.WriteString("action", e.Action);
        w.WriteNumber("seq", e.Seq);
        w.WriteEndObject();
    }

    public static string ResultName(AuditResult result) => result switch
    {
        AuditResult.Success => "SUCCESS",
        AuditResult.Denied => "DENIED",
        AuditResult.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static AuditResult ParseResult(string name) => name switch
    {
        "SUCCESS" => AuditResult.Success,
        "DENIED" => AuditResult.Denied,
        "FAILED" => AuditResult.Failed,
        _ => throw new FormatException($"Unknown audit result '{name}'."),
    };
}
