using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Writes items as Splunk HTTP Event Collector envelopes for <c>/services/collector/event</c>, concatenated in one body
/// (HEC's batch form: whitespace-separated objects, not a JSON array). <c>time</c> is epoch seconds with milliseconds,
/// <c>event</c> the payload format's JSON, <c>fields</c> the index-time fields (flat strings) a search filters on.
/// </summary>
public sealed class SplunkHecFormatter(SiemEventWriter events, string host, string? index, string? sourcetype)
{
    public const string Source = "agentledger";
    public const string RecordSourcetype = "agentledger:record";
    public const string AuditSourcetype = "agentledger:audit";

    public void Append(ArrayBufferWriter<byte> output, SiemItem item)
    {
        using (var w = new Utf8JsonWriter(output, ComplianceJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("time", decimal.Parse(
                (item.At.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            w.WriteString("host", host);
            w.WriteString("source", Source);
            w.WriteString("sourcetype", sourcetype ?? (item.Audit is null ? RecordSourcetype : AuditSourcetype));
            w.WriteStringIfNotNull("index", index);
            w.WritePropertyName("event");
            events.Write(w, item);
            w.WriteStartObject("fields");
            foreach (var (name, value) in SyslogMessageFormatter.Parameters(item))
            {
                if (name is "workspace" or "seq" or "kind" or "agent" or "user_id" or "action")
                {
                    w.WriteString(name, value);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
