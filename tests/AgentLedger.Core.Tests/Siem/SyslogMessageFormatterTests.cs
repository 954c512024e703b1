using System.Buffers;
using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Siem;
using AgentLedger.Core.Tests.Compliance;

namespace AgentLedger.Core.Tests.Siem;

public sealed class SyslogMessageFormatterTests
{
    private static readonly ProductInfo Product = ProductInfo.AgentLedger("1.2.3");

    [Fact]
    public void AppendFrame_MultiByteContent_LengthCountsOctetsAndMessageFollowsOneSpace()
    {
        var record = TestRecords.Response(7) with { ResponseText = "ünïcødé — ✓" };
        var formatter = new SyslogMessageFormatter(new SiemEventWriter(SiemPayloadFormat.Native, SiemContentLevel.Full, Product), "host-1");
        var output = new ArrayBufferWriter<byte>();

        formatter.AppendFrame(output, SiemItem.Of(record));

        var bytes = output.WrittenSpan.ToArray();
        var space = Array.IndexOf(bytes, (byte)' ');
        var length = int.Parse(Encoding.ASCII.GetString(bytes, 0, space), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bytes.Length - space - 1, length);
        Assert.Equal(formatter.Message(SiemItem.Of(record)), bytes[(space + 1)..]);
    }

    [Fact]
    public void Message_Header_Rfc5424FieldsThenStructuredDataThenBomAndPayload()
    {
        var record = TestRecords.Response(7);
        var events = new SiemEventWriter(SiemPayloadFormat.Cef, SiemContentLevel.Metadata, Product);
        var text = Encoding.UTF8.GetString(new SyslogMessageFormatter(events, "host with space").Message(SiemItem.Of(record)));

        Assert.StartsWith("<110>1 2026-07-09T10:08:44.000000Z host_with_space agentledger - model.response [agentledger@32473 seq=\"7\" ", text);
        Assert.Contains("] \uFEFFCEF:0|AgentLedger|AgentLedger|1.2.3|model.response|", text);
        Assert.DoesNotContain("Refactored", text);
    }

    [Fact]
    public void AppendParamValue_QuoteBackslashBracket_EscapedWithBackslashOthersKept()
    {
        var sb = new StringBuilder();
        SyslogMessageFormatter.AppendParamValue(sb, "a\"b\\c]d[e=f g");
        Assert.Equal("a\\\"b\\\\c\\]d[e=f g", sb.ToString());
    }

    [Fact]
    public void Message_ErrorRecord_SeverityWarning()
    {
        var record = TestRecords.Response(1) with { Error = "rate limited", Status = "error" };
        var text = Encoding.UTF8.GetString(
            new SyslogMessageFormatter(new SiemEventWriter(SiemPayloadFormat.Native, SiemContentLevel.Metadata, Product), "h").Message(SiemItem.Of(record)));
        Assert.StartsWith("<108>1 ", text);
    }
}
