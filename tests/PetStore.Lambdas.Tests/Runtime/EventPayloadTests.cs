using System.Text;
using PetStore.Lambdas.Runtime;

namespace PetStore.Lambdas.Tests.Runtime;

public class EventPayloadTests
{
    [Fact]
    public async Task A_visible_memory_stream_is_read_from_its_position_without_a_copy()
    {
        var buffer = Encoding.UTF8.GetBytes("xx{\"a\":1}");
        var input = new MemoryStream(buffer, 0, buffer.Length, writable: false, publiclyVisible: true) { Position = 2 };

        var payload = await EventPayload.ReadAsync(input, TestContext.Current.CancellationToken);

        Assert.Same(buffer, payload.Array);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task What_the_runtime_client_hands_over_is_read_without_a_copy()
    {
        var json = Encoding.UTF8.GetBytes("{\"c\":3}");

        Assert.Same(json, (await EventPayload.ReadAsync(EventPayload.InMemory(json), TestContext.Current.CancellationToken)).Array);
    }

    [Fact]
    public async Task A_stream_that_forbids_synchronous_reads_is_read_asynchronously_to_its_end()
    {
        // As ASP.NET Core's request body (local mode hands it to the token trigger).
        await using var input = new AsyncOnlyStream(Encoding.UTF8.GetBytes("{\"b\":2}"));

        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString(await EventPayload.ReadAsync(input, TestContext.Current.CancellationToken)));
    }

    /// <summary>Reads only asynchronously, as Kestrel's request body does by default.</summary>
    private sealed class AsyncOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream _content = new(content);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_content.Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(_content.Read(buffer, offset, count));

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
