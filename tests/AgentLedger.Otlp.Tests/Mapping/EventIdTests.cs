using System.Security.Cryptography;
using System.Text;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using Google.Protobuf;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

public sealed class EventIdTests
{
    [Fact]
    public void Map_SameBatchTwice_GivesTheSameEventIds()
    {
        var first = FixtureMapping.Map("codex/run1-json-echo/logs-0001.json");
        var second = FixtureMapping.Map("codex/run1-json-echo/logs-0001.json");

        Assert.Equal(first.Select(r => r.EventId), second.Select(r => r.EventId));
    }

    [Theory]
    [InlineData("codex/run1-json-echo/traces-0002.json")]
    [InlineData("codex/run1-json-echo/metrics-0004.json")]
    [InlineData("claude-code/json/0001-logs.json")]
    [InlineData("gemini-cli/captures/01-http-shell-tool/0001-logs.json")]
    public void Map_Batch_GivesEveryItemItsOwnEventId(string file)
    {
        var records = FixtureMapping.Map(file);

        Assert.Equal(records.Count, records.Select(r => r.EventId).Distinct().Count());
    }

    [Theory]
    [InlineData("claude-code/protobuf/0001-logs.pb", "claude-code/protobuf/0001-logs.pb.json")]
    [InlineData("claude-code/protobuf/0002-metrics.pb", "claude-code/protobuf/0002-metrics.pb.json")]
    [InlineData("gemini-cli/captures/07-grpc-shell-tool/0003-logs.pb", "gemini-cli/captures/07-grpc-shell-tool/0003-logs.decoded.json")]
    public void Map_SameDataAsProtobufOrJson_GivesTheSameRecords(string protobuf, string json)
    {
        var fromPb = FixtureMapping.Map(protobuf);
        var fromJson = FixtureMapping.Map(json);

        Assert.Equal(fromPb.Select(r => r.EventId), fromJson.Select(r => r.EventId));
        Assert.Equal(fromPb.Select(r => (r.Kind, r.SessionId, r.Usage, r.PromptText)), fromJson.Select(r => (r.Kind, r.SessionId, r.Usage, r.PromptText)));
        Assert.Equal(fromPb.Select(r => r.Attributes!.ToJsonString()), fromJson.Select(r => r.Attributes!.ToJsonString()));
    }

    [Fact]
    public void Map_LogRecords_IdIsTheItemsTimeAndTheHashOfTheLengthPrefixedProtobufEncodings()
    {
        // Pins the id of stored records: a batch re-sent to a newer server must find the ids an older one stored (the
        // hash part is that of the hash-only ids stored before schema 14, which the writers still look for).
        const string file = "claude-code/protobuf/0001-logs.pb";
        var request = OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(FixtureFiles.Read(file));
        var expected = new List<string>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope.ToByteArray().Concat(Encoding.UTF8.GetBytes(scopeLogs.SchemaUrl)).ToArray();
                foreach (var log in scopeLogs.LogRecords)
                {
                    var framed = new List<byte>();
                    foreach (var part in new[] { [(byte)OtlpSignal.Logs], resourceLogs.Resource.ToByteArray(), scope, [], log.ToByteArray() })
                    {
                        framed.AddRange(BitConverter.GetBytes(part.Length)); // little-endian on every platform .NET runs this on
                        framed.AddRange(part);
                    }

                    var time = log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano;
                    Assert.NotEqual(0UL, time);
                    expected.Add($"otlp:{time / 1_000_000:x11}-" + Convert.ToHexStringLower(SHA256.HashData([.. framed])[..16]));
                }
            }
        }

        Assert.Equal(expected, FixtureMapping.Map(file).Select(r => r.EventId));
    }

    [Fact]
    public void Map_DifferentRuns_ShareNoEventId()
    {
        var run1 = FixtureMapping.MapAll("codex/run1-json-echo", "logs").Select(r => r.EventId);
        var run4 = FixtureMapping.MapAll("codex/run4-binary-echo", "logs").Select(r => r.EventId);

        Assert.Empty(run1.Intersect(run4));
    }

    [Fact]
    public void Map_Records_HaveTimeSortableIdsOfTheirOccurrence()
    {
        var records = FixtureMapping.Map("claude-code/json/0001-logs.json");

        Assert.All(records, r => Assert.Equal(32, r.Id.Length));
        var ordered = records.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
        Assert.Equal(ordered, ordered.Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(RecordSource.Otlp, r.Source));
    }

    [Fact]
    public void Map_Records_EventIdsSortByTheItemsTime()
    {
        // The dedupe index stays local to the newest leaves only if ids sort by time (OtlpEventIds).
        var records = FixtureMapping.MapAll("codex/run1-json-echo", "logs").Concat(FixtureMapping.Map("claude-code/json/0001-logs.json")).ToList();
        var byTime = records.OrderBy(r => r.OccurredAt).Select(r => r.OccurredAt.ToUnixTimeMilliseconds()).ToList();
        var byId = records.OrderBy(r => r.EventId, StringComparer.Ordinal).Select(r => r.OccurredAt.ToUnixTimeMilliseconds()).ToList();
        Assert.Equal(byTime, byId);
    }

    [Theory]
    [InlineData("otlp:19abc012345-0123456789abcdef0123456789abcdef", "otlp:0123456789abcdef0123456789abcdef", 0x19abc012345L)]
    [InlineData("otlp:19abc012345-0123456789abcdef0123456789abcdef#2", "otlp:0123456789abcdef0123456789abcdef#2", 0x19abc012345L)]
    [InlineData("otlp:00000000000-0123456789abcdef0123456789abcdef", "otlp:0123456789abcdef0123456789abcdef", 0L)]
    public void LegacyId_OfATimeOrderedId_IsItsHashOnlyId(string eventId, string legacy, long time)
    {
        Assert.True(OtlpEventIds.TryGetLegacy(eventId, out var legacyId, out var timeMs));
        Assert.Equal(legacy, legacyId);
        Assert.Equal(time, timeMs);
        Assert.True(OtlpEventIds.TryGetLegacyToProbe(eventId, time + 1, out _));
        Assert.False(OtlpEventIds.TryGetLegacyToProbe(eventId, time, out _));
        Assert.False(OtlpEventIds.TryGetLegacyToProbe(eventId, 0, out _));
    }

    [Theory]
    [InlineData("otlp:0123456789abcdef0123456789abcdef")]
    [InlineData("evt-2026-11-26-0001")]
    [InlineData("otlp:not-hex-0123")]
    public void LegacyId_OfAnyOtherId_IsNone(string eventId) =>
        Assert.False(OtlpEventIds.TryGetLegacyToProbe(eventId, long.MaxValue, out _));
}
