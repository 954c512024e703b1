using System.Text;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Common.V1;
using Xunit;

namespace AgentLedger.Otlp.Tests.Decoding;

public sealed class OtlpJsonDecoderTests
{
    private static ExportLogsServiceRequest Logs(string json) => OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Decode_Int64AsBareNumber_KeepsEveryDigit()
    {
        // 2^53 + 1 cannot be represented by a double; a decoder that goes through double returns ...992.
        var request = Logs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":9007199254740993,"attributes":[{"key":"n","value":{"intValue":9007199254740993}}]}]}]}]}""");

        var record = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        Assert.Equal(9007199254740993UL, record.TimeUnixNano);
        Assert.Equal(9007199254740993L, record.Attributes[0].Value.IntValue);
    }

    [Fact]
    public void Decode_Int64AsString_Parses()
    {
        var request = Logs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1795673041939816147","attributes":[{"key":"n","value":{"intValue":"-42"}}]}]}]}]}""");

        var record = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        Assert.Equal(1795673041939816147UL, record.TimeUnixNano);
        Assert.Equal(-42L, record.Attributes[0].Value.IntValue);
    }

    [Fact]
    public void Decode_EnumAsNameOrNumber_BothAccepted()
    {
        var request = Logs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":"SEVERITY_NUMBER_WARN"},{"severityNumber":17}]}]}]}""");

        var records = request.ResourceLogs[0].ScopeLogs[0].LogRecords;
        Assert.Equal(Proto.Logs.V1.SeverityNumber.Warn, records[0].SeverityNumber);
        Assert.Equal(Proto.Logs.V1.SeverityNumber.Error, records[1].SeverityNumber);
    }

    [Fact]
    public void Decode_ZeroIntValue_IsAnIntNotAnEmptyValue()
    {
        var request = Logs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[{"key":"zero","value":{"intValue":0}},{"key":"none","value":{}}]}]}]}]}""");

        var attributes = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0].Attributes;
        Assert.Equal(AnyValue.ValueOneofCase.IntValue, attributes[0].Value.ValueCase);
        Assert.Equal(AnyValue.ValueOneofCase.None, attributes[1].Value.ValueCase);
    }

    [Fact]
    public void Decode_SnakeCaseAndUnknownFields_AcceptedAndIgnored()
    {
        var request = Logs("""{"resource_logs":[{"resource":{"entityRefs":[{"type":"host"}],"futureField":{"a":[1,2]}},"scope_logs":[{"log_records":[{"severity_text":"INFO"}]}]}]}""");

        Assert.Equal("INFO", request.ResourceLogs[0].ScopeLogs[0].LogRecords[0].SeverityText);
    }

    [Fact]
    public void Decode_DoubleSpecialValuesAsStrings_Parse()
    {
        var request = OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(Encoding.UTF8.GetBytes(
            """{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"asDouble":"NaN"},{"asDouble":"-Infinity"},{"asDouble":"2.5"}]}}]}]}]}"""));

        var points = request.ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Gauge.DataPoints;
        Assert.True(double.IsNaN(points[0].AsDouble));
        Assert.Equal(double.NegativeInfinity, points[1].AsDouble);
        Assert.Equal(2.5, points[2].AsDouble);
    }

    [Theory]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"zz"}]}]}]}""", "resourceLogs[0].scopeLogs[0].logRecords[0].traceId")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"spanId":"abc"}]}]}]}""", "resourceLogs[0].scopeLogs[0].logRecords[0].spanId")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{},{"timeUnixNano":"soon"}]}]}]}""", "resourceLogs[0].scopeLogs[0].logRecords[1].timeUnixNano")]
    [InlineData("""{"resourceLogs":{"scopeLogs":[]}}""", "resourceLogs: expected an array")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":"LOUD"}]}]}]}""", "'LOUD' is not a value of SeverityNumber")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"flags":1.5}]}]}]}""", "found a fraction")]
    [InlineData("""{"resourceLogs":[null]}""", "resourceLogs[0]: null is not allowed")]
    public void Decode_BadValue_NamesThePath(string json, string expected)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => Logs(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[""", "Invalid JSON")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("", "empty")]
    [InlineData("""{"resourceLogs":[]} {}""", "Invalid JSON")]
    public void Decode_MalformedBody_Rejected(string json, string expected)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => Logs(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ErrorMessage_NeverEchoesTheValue()
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => Logs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"AKIAIOSFODNN7EXAMPLE-secret"}]}]}]}"""));

        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", ex.Message, StringComparison.Ordinal);
    }
}
