using System.Buffers;
using System.Text;
using System.Text.Json;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Writes one item's event in a destination's payload format, reusing the compliance formatters: native is the
/// <c>CODEX_LOG</c>/<c>AUDIT_LOG</c> line, OCSF the API Activity event, CEF the CEF line, ECS <see cref="EcsFormatter"/>.
/// The content level is applied first. Every envelope (HEC, syslog, webhook, _bulk) wraps what this writes.
/// </summary>
public sealed class SiemEventWriter(SiemPayloadFormat format, SiemContentLevel contentLevel, ProductInfo product)
{
    public SiemPayloadFormat Format => format;

    /// <summary>Whether <see cref="Write"/> produces JSON (every format but CEF).</summary>
    public bool IsJson => format != SiemPayloadFormat.Cef;

    /// <summary>Writes the event as a JSON value; only for JSON formats.</summary>
    public void Write(Utf8JsonWriter w, SiemItem item)
    {
        if (item.Audit is { } audit)
        {
            AuditLogFormatter.Write(w, audit);
            return;
        }

        var record = SiemContent.Apply(item.Record!, contentLevel);
        switch (format)
        {
            case SiemPayloadFormat.Ocsf:
                OcsfApiActivityFormatter.Write(w, record, product);
                break;
            case SiemPayloadFormat.Ecs:
                EcsFormatter.Write(w, record, product);
                break;
            case SiemPayloadFormat.Native:
                CodexLogFormatter.Write(w, record);
                break;
            default:
                throw new InvalidOperationException($"{SiemWireNames.Of(format)} is not a JSON format.");
        }
    }

    /// <summary>The event as UTF-8 text: compact JSON, or the CEF line.</summary>
    public byte[] ToUtf8(SiemItem item)
    {
        if (!IsJson)
        {
            var record = SiemContent.Apply(item.Record!, contentLevel);
            return Encoding.UTF8.GetBytes(CefFormatter.Format(record, product));
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ComplianceJson.WriterOptions))
        {
            Write(writer, item);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
