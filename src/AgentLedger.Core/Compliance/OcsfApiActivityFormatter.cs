using System.Buffers;
using System.Text.Json;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Writes a record as an OCSF 1.9.0 API Activity event (class 6003) with the <c>ai_operation</c> profile: the agent
/// and its model in <c>ai_agent</c>, the prompt or response text and token counts in <c>message_context</c>. Follows
/// the conventions of Anthropic's OCSF mapping that customers compare with: severity Informational on every activity,
/// the record id in <c>metadata.uid</c>, the source's id in <c>metadata.original_event_uid</c>, the kind in
/// <c>metadata.event_code</c>, the workspace in <c>metadata.tenant_uid</c>, and what OCSF has no attribute for under
/// <c>unmapped</c> by its AgentLedger name. Checked against the schema sources by OcsfSchemaTests.
/// </summary>
public static partial class OcsfApiActivityFormatter
{
    public static void WriteLine(IBufferWriter<byte> output, ActivityRecord record, ProductInfo product)
    {
        using (var writer = new Utf8JsonWriter(output, ComplianceJson.WriterOptions))
        {
            Write(writer, record, product);
        }

        output.Write("\n"u8);
    }

    public static void Write(Utf8JsonWriter w, ActivityRecord r, ProductInfo product)
    {
        var (activityId, activityName) = OcsfApiActivity.ActivityOf(r.Kind);
        var status = CodexLogFormatter.StatusOf(r);
        w.WriteStartObject();
        w.WriteNumber("class_uid", OcsfApiActivity.ClassUid);
        w.WriteString("class_name", OcsfApiActivity.ClassName);
        w.WriteNumber("category_uid", OcsfApiActivity.CategoryUid);
        w.WriteString("category_name", OcsfApiActivity.CategoryName);
        w.WriteNumber("activity_id", activityId);
        w.WriteString("activity_name", activityName);
        w.WriteNumber("type_uid", OcsfApiActivity.TypeUid(activityId));
        w.WriteString("type_name", $"{OcsfApiActivity.ClassName}: {activityName}");
        w.WriteNumber("time", r.OccurredAt.ToUnixTimeMilliseconds());
        w.WriteNumber("severity_id", OcsfApiActivity.SeverityInformational);
        w.WriteString("severity", "Informational");
        if (status is not null)
        {
            var failed = status == "error";
            w.WriteNumber("status_id", failed ? 2 : 1);
            w.WriteString("status", failed ? "Failure" : "Success");
            w.WriteStringIfNotNull("status_detail", r.Error);
        }

        w.WriteString("message", Message(r));
        WriteMetadata(w, r, product);
        WriteActor(w, r);
        w.WriteStartObject("src_endpoint");
        w.WriteStringIfNotNull("ip", ComplianceJson.NonEmpty(r.ClientIp));
        w.WriteString("name", WireNames.Of(r.ClientId));
        w.WriteEndObject();
        w.WriteStartObject("api");
        w.WriteString("operation", WireNames.Of(r.Kind));
        w.WriteStartObject("service");
        w.WriteString("name", WireNames.Of(r.Agent));
        w.WriteEndObject();
        w.WriteStartObject("request");
        w.WriteString("uid", r.EventId);
        w.WriteEndObject();
        w.WriteEndObject();
        if (ComplianceJson.NonEmpty(r.UserAgent) is { } userAgent)
        {
            w.WriteStartObject("http_request");
            w.WriteString("user_agent", userAgent);
            w.WriteEndObject();
        }

        WriteAiAgent(w, r);
        if (OcsfApiActivity.HasMessage(r))
        {
            WriteMessageContext(w, r);
        }

        WriteUnmapped(w, r);
        w.WriteEndObject();
    }

    private static string Message(ActivityRecord r) =>
        $"{WireNames.Of(r.Kind)} by {r.Actor.Email ?? r.UserId ?? "an unknown user"} on {WireNames.Of(r.ClientId)}"
        + (r.Model is null ? string.Empty : $" with {r.Model}");

    private static void WriteMetadata(Utf8JsonWriter w, ActivityRecord r, ProductInfo product)
    {
        w.WriteStartObject("metadata");
        w.WriteString("version", OcsfApiActivity.SchemaVersion);
        w.WriteString("uid", r.Id);
        w.WriteString("original_event_uid", r.EventId);
        w.WriteString("event_code", WireNames.Of(r.Kind));
        w.WriteString("tenant_uid", r.WorkspaceId);
        w.WriteString("log_name", "records");
        w.WriteNumber("sequence", r.Seq);
        w.WriteNumber("logged_time", r.ReceivedAt.ToUnixTimeMilliseconds());
        w.WriteString("original_time", ComplianceJson.Timestamp(r.OccurredAt));
        w.WriteStartObject("product");
        w.WriteString("name", product.Name);
        w.WriteString("vendor_name", product.Vendor);
        w.WriteString("version", product.Version);
        w.WriteEndObject();
        w.WriteStartArray("profiles");
        w.WriteStringValue("ai_operation");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter w, ActivityRecord r)
    {
        w.WriteStartObject("actor");
        var name = r.Actor.DisplayName ?? r.Actor.Email ?? r.Actor.Login;
        if (r.UserId is not null || name is not null || r.Actor.AccountId is not null)
        {
            w.WriteStartObject("user");
            w.WriteStringIfNotNull("uid", r.UserId ?? r.Actor.AccountId ?? r.Actor.ExternalId);
            w.WriteStringIfNotNull("name", name);
            w.WriteStringIfNotNull("email_addr", r.Actor.Email);
            w.WriteNumber("type_id", 1);
            w.WriteString("type", "User");
            w.WriteEndObject();
        }

        if (r.SessionId is not null)
        {
            w.WriteStartObject("session");
            w.WriteString("uid", r.SessionId);
            w.WriteEndObject();
        }

        // actor needs at least one of user, session, app_name, …: the client surface always exists.
        w.WriteString("app_name", WireNames.Of(r.ClientId));
        w.WriteEndObject();
    }
}
