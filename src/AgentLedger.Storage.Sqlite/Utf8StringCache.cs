using System.Text;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Strings for UTF-8 column values that repeat within one result: the last <c>capacity</c> distinct values are kept
/// with their bytes, so a value seen again is compared, not decoded and allocated again. Rollup rows repeat their user
/// (several rows per user, in key order), team, client and model; a page of 1,000 users reads ~4,000 rows.
/// </summary>
internal sealed class Utf8StringCache(int capacity)
{
    private readonly byte[][] _bytes = new byte[capacity][];
    private readonly string[] _strings = new string[capacity];
    private int _count;
    private int _next;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_bytes[i]))
            {
                return _strings[i];
            }
        }

        var value = utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
        _bytes[_next] = utf8.ToArray();
        _strings[_next] = value;
        _next = (_next + 1) % _bytes.Length;
        _count = Math.Max(_count, _next == 0 ? _bytes.Length : _next);
        return value;
    }
}
