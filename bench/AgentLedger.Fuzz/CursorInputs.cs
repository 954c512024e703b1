using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Analytics;
using CsCheck;

namespace AgentLedger.Fuzz;

/// <summary>
/// Cursors mutated by structure rather than by byte: a cursor is base64url of a small JSON document, so a flipped bit
/// almost never decodes. These inputs decode the target's own valid cursor, change its fields (version, query
/// fingerprint, window, position, group key) to nearby and hostile values, and encode it again — reaching the
/// fingerprint and window checks and, when the fields stay valid, the accept path.
/// </summary>
public static class CursorInputs
{
    public static Gen<byte[]> Generator()
    {
        var query = FuzzTargets.ParseCursorQuery(null).Query ?? throw new InvalidOperationException("The cursor target's window does not parse.");
        var valid = AnalyticsCursorCodec.Decode("page", AnalyticsCursorCodec.Encode(query, new AnalyticsPosition(query.From, null)));
        var fingerprint = valid.Fingerprint;

        var version = Gen.Frequency((12, Gen.Const(AnalyticsCursorCodec.Version)), (1, Gen.Int));
        var print = Gen.Frequency(
            (10, Gen.Const(fingerprint).Select(f => (string?)f)),
            (1, Gen.Int[0, fingerprint.Length - 1].Select(Gen.Char["0123456789abcdef"], (i, c) => (string?)(fingerprint[..i] + c + fingerprint[(i + 1)..]))),
            (1, Gen.String.Select(s => (string?)s)),
            (1, Gen.Const(0).Select(_ => (string?)null)));
        var from = Gen.Frequency((10, Gen.Const(query.From)), (1, Gen.Long));
        var to = Gen.Frequency((10, Gen.Const(query.To)), (1, Gen.Long));
        var position = Gen.Frequency(
            (10, Gen.Long[query.From, query.To - 1]),
            (2, Gen.Select(Gen.Int[0, 6], d => query.From + (d * 86_400L))),
            (1, OneOf(query.From - 1, query.To, long.MinValue, long.MaxValue, 0L)),
            (1, Gen.Long));
        var key = Gen.Frequency(
            (4, Gen.Const(0).Select(_ => (string?)null)),
            (4, Gen.String.AlphaNumeric.Select(s => (string?)s)),
            (2, OneOf<string?>("user_01jc3kx2", "dev@example.com", "", "\u0000", new string('k', 5000))),
            (1, Gen.String.Select(s => (string?)s)));
        var document = Gen.Select(version, print, from, to, position, key, (v, f, a, z, b, k) => new JsonObject
        {
            ["v"] = v, ["f"] = f, ["from"] = a, ["to"] = z, ["b"] = b, ["k"] = k,
        });
        // Now and then a field goes missing or changes type, as a hand-edited cursor would.
        var edited = Gen.Select(document, Gen.Int[0, 11], (cursor, edit) =>
        {
            string[] fields = ["v", "f", "from", "to", "b", "k"];
            if (edit < fields.Length)
            {
                cursor.Remove(fields[edit]);
            }
            else if (edit < 2 * fields.Length)
            {
                cursor[fields[edit - fields.Length]] = "x";
            }

            return cursor;
        });
        var cursors = Gen.Frequency((8, (IGen<JsonObject>)document), (1, (IGen<JsonObject>)edited));
        return cursors.Select(j => Encoding.UTF8.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(j.ToJsonString()))));
    }

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
