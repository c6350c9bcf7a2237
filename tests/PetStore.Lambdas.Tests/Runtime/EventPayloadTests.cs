using System.Text;
using PetStore.Lambdas.Runtime;

namespace PetStore.Lambdas.Tests.Runtime;

public class EventPayloadTests
{
    [Fact]
    public void A_memory_stream_is_read_from_its_position_without_a_copy()
    {
        var buffer = Encoding.UTF8.GetBytes("xx{\"a\":1}");
        var input = new MemoryStream(buffer, 0, buffer.Length, writable: false, publiclyVisible: true) { Position = 2 };

        var payload = EventPayload.Read(input);

        Assert.Same(buffer, payload.Array);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void Any_other_stream_is_read_to_its_end()
    {
        using var input = new BufferedStream(new MemoryStream(Encoding.UTF8.GetBytes("{\"b\":2}")));

        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString(EventPayload.Read(input)));
    }
}
