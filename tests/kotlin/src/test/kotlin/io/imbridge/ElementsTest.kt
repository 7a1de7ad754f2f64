package io.imbridge

import io.imbridge.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** M1: every element kind encodes to the service's exact JSON. */
class ElementsTest {
    private fun encoded(element: Element): String {
        val json = C2cMessage(
            toAccount = "bob", msgSeq = 1u, msgRandom = 2u, msgBody = listOf(element),
            syncOtherMachine = SyncOtherMachine.NO_SYNC,
        ).encode()
        val body = Vectors.json(json).let { it as kotlinx.serialization.json.JsonObject }.getValue("MsgBody")
        return body.toString()
    }

    @Test
    fun m1_text() = assertEquals(
        """[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]""",
        encoded(Element.Text(TextElem("hi"))),
    )

    @Test
    fun m1_custom_omits_unset_fields() = assertEquals(
        """[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"d","Desc":"push text"}}]""",
        encoded(Element.Custom(CustomElem(data = "d", desc = "push text"))),
    )

    @Test
    fun m1_face() = assertEquals(
        """[{"MsgType":"TIMFaceElem","MsgContent":{"Index":3,"Data":"x"}}]""",
        encoded(Element.Face(FaceElem(3, "x"))),
    )

    @Test
    fun m1_location() = assertEquals(
        """[{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"Bay","Latitude":22.5,"Longitude":113.95}}]""",
        encoded(Element.Location(LocationElem("Bay", 22.5, 113.95))),
    )

    @Test
    fun m1_image() = assertEquals(
        """[{"MsgType":"TIMImageElem","MsgContent":{"UUID":"u1","ImageFormat":3,"ImageInfoArray":""" +
            """[{"Type":1,"Size":10,"Width":4,"Height":3,"URL":"https://e/o"},{"Type":3,"Size":1,"Width":2,"Height":1,"URL":"https://e/t"}]}}]""",
        encoded(
            Element.Image(ImageElem(
                "u1", 3,
                listOf(ImageInfo(1u, 10u, 4u, 3u, "https://e/o"), ImageInfo(3u, 1u, 2u, 1u, "https://e/t")),
            )),
        ),
    )

    @Test
    fun m1_sound_keeps_download_flag_underscore() = assertEquals(
        """[{"MsgType":"TIMSoundElem","MsgContent":{"Url":"https://e/v","Size":5360,"Second":3,"Download_Flag":2}}]""",
        encoded(Element.Sound(SoundElem("https://e/v", 5360u, 3u))),
    )

    @Test
    fun m1_file() = assertEquals(
        """[{"MsgType":"TIMFileElem","MsgContent":{"Url":"https://e/f","FileSize":9,"FileName":"a.pdf","Download_Flag":2}}]""",
        encoded(Element.File(FileElem("https://e/f", 9u, "a.pdf"))),
    )

    @Test
    fun m1_video() = assertEquals(
        """[{"MsgType":"TIMVideoFileElem","MsgContent":{"VideoUrl":"https://e/v.mp4","VideoSize":100,"VideoSecond":5,""" +
            """"VideoFormat":"mp4","VideoDownloadFlag":2,"ThumbUrl":"https://e/t.jpg","ThumbSize":10,"ThumbWidth":720,""" +
            """"ThumbHeight":1280,"ThumbFormat":"JPG","ThumbDownloadFlag":2}}]""",
        encoded(Element.Video(
                VideoFileElem(
                    videoUrl = "https://e/v.mp4", videoSize = 100u, videoSecond = 5u, videoFormat = "mp4",
                    thumbUrl = "https://e/t.jpg", thumbSize = 10u, thumbWidth = 720u, thumbHeight = 1280u, thumbFormat = "JPG",
                ),
            )),
    )

    @Test
    fun m1_unknown_element_and_extra_keys_survive_records() {
        val json = """{"SyncOtherMachine":2,"To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgBody":[""" +
            """{"MsgType":"TIMNewElem","MsgContent":{"A":[1,2]}},""" +
            """{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","Lang":"en"}}]}"""
        val message = C2cMessage.decode(json)
        val unknown = message.msgBody[0] as Element.Unknown
        assertEquals("TIMNewElem", unknown.msgType)
        assertEquals(Vectors.json("""{"A":[1,2]}"""), Vectors.json(unknown.content))
        val text = message.msgBody[1] as Element.Text
        assertEquals(mapOf("Lang" to "\"en\""), text.v1.extra)
        assertEquals(Vectors.json(json), Vectors.json(message.encode()))
    }

    @Test
    fun m1_extra_values_are_json_text_and_text_that_is_not_json_stays_a_string() {
        val element = Element.Text(TextElem("hi", extra = mapOf("N" to "[1,{\"b\":null}]", "Lang" to "en")))
        assertEquals(
            """[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","Lang":"en","N":[1,{"b":null}]}}]""",
            encoded(element),
        )
    }

    @Test
    fun m2_validate_element_reports_the_reason() {
        val e = assertThrows<MessageException.InvalidElement> { validateElement(Element.Location(LocationElem("x", 91.0, 0.0))) }
        assertEquals(6016, e.code)
        assertEquals("TIMLocationElem", e.msgType)
        validateElement(Element.Text(TextElem("fine"))) // valid: must not throw
    }
}
