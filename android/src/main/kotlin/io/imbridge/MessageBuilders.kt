package io.imbridge

import io.imbridge.core.*

/**
 * Builds a message body with the M2 rules checked at every step:
 *
 * ```
 * val body = messageBody {
 *     text("Order shipped")
 *     custom(data = """{"orderId":42}""", desc = "Your order is on its way")
 * }
 * ```
 *
 * Throws [MessageException] (6016 invalid or second custom element,
 * 8001 body over 12 KB, 6016 empty body) at the element that breaks a rule.
 */
fun messageBody(limits: MessageLimits? = null, build: MessageBodyScope.() -> Unit): List<Element> =
    MessageBodyBuilder(limits).use { builder ->
        MessageBodyScope(builder).build()
        builder.build()
    }

/**
 * The receiver of [messageBody]: one function per element kind. Each
 * element is the core's own record wrapped in its [Element] case
 * (`Element.Text(TextElem("hi"))`; read back as `element.v1.text`).
 */
class MessageBodyScope internal constructor(private val builder: MessageBodyBuilder) {
    /** Adds any element. */
    fun element(element: Element) = builder.add(element)

    /** `TIMTextElem`. */
    fun text(text: String) = element(Element.Text(TextElem(text)))

    /** `TIMCustomElem`: [desc] is the offline-push text, [ext] travels in the push. */
    fun custom(data: String, desc: String? = null, ext: String? = null, sound: String? = null) =
        element(Element.Custom(CustomElem(data, desc, ext, sound)))

    /** `TIMFaceElem`. */
    fun face(index: Int, data: String? = null) = element(Element.Face(FaceElem(index, data)))

    /** `TIMLocationElem`. */
    fun location(desc: String, latitude: Double, longitude: Double) =
        element(Element.Location(LocationElem(desc, latitude, longitude)))

    /** `TIMImageElem`. */
    fun image(uuid: String, imageFormat: Int, renditions: List<ImageInfo>) =
        element(Element.Image(ImageElem(uuid, imageFormat, renditions)))

    /** `TIMSoundElem`. */
    fun sound(url: String, size: ULong, seconds: UInt) = element(Element.Sound(SoundElem(url, size, seconds)))

    /** `TIMFileElem`. */
    fun file(url: String, fileSize: ULong, fileName: String) = element(Element.File(FileElem(url, fileSize, fileName)))

    /** `TIMVideoFileElem`: the video and its thumbnail. */
    fun video(
        videoUrl: String,
        videoSize: ULong,
        videoSecond: UInt,
        videoFormat: String,
        thumbUrl: String,
        thumbSize: ULong,
        thumbWidth: UInt,
        thumbHeight: UInt,
        thumbFormat: String,
    ) = element(
        Element.Video(
            VideoFileElem(
                videoUrl = videoUrl, videoSize = videoSize, videoSecond = videoSecond, videoFormat = videoFormat,
                thumbUrl = thumbUrl, thumbSize = thumbSize, thumbWidth = thumbWidth, thumbHeight = thumbHeight,
                thumbFormat = thumbFormat,
            ),
        ),
    )
}

/** M3: validates and encodes this message as the `sendmsg` body. */
fun C2cMessage.encode(limits: MessageLimits? = null): String = encodeC2cMessage(this, limits)

/** M3: decodes a `sendmsg` body. */
fun C2cMessage.Companion.decode(json: String): C2cMessage = decodeC2cMessage(json)

/**
 * M4: validates and encodes this message as the `send_group_msg` body.
 * [groupType] drives the @ rules (M9); `null` infers it from the id where it can.
 */
fun GroupMessage.encode(groupType: GroupType? = null, limits: MessageLimits? = null): String =
    encodeGroupMessage(this, groupType, limits)

/** M4: decodes a `send_group_msg` body. */
fun GroupMessage.Companion.decode(json: String): GroupMessage = decodeGroupMessage(json)

/**
 * M9: the @ targets of a group message, each checked against [groupType]
 * as it is added (an AVChatRoom refuses every @, a Community refuses @all).
 */
fun mentions(groupType: GroupType, limits: MessageLimits? = null, build: MentionScope.() -> Unit): List<Mention> =
    MentionListBuilder(groupType, limits).use { builder ->
        MentionScope(builder).build()
        builder.mentions()
    }

/** The receiver of [mentions]. */
class MentionScope internal constructor(private val builder: MentionListBuilder) {
    /** @all. */
    fun all() = builder.add(Mention.All)

    /** @ one user. */
    fun user(account: String) = builder.add(Mention.User(account))
}

/** M6: parses `tinyid-clientTime-random`. */
fun ClientMsgId.Companion.parse(text: String): ClientMsgId = clientMsgIdParse(text)

/** M6: the text form `tinyid-clientTime-random`. */
fun ClientMsgId.format(): String = clientMsgIdFormat(this)

/** M6: parses `MsgSeq_MsgRandom_MsgTime`. */
fun C2cMsgKey.Companion.parse(text: String): C2cMsgKey = c2cMsgKeyParse(text)

/** M6: the text form `MsgSeq_MsgRandom_MsgTime`. */
fun C2cMsgKey.format(): String = c2cMsgKeyFormat(this)

/** M12: parses `c2c_<userID>` / `group_<groupID>`. */
fun ConversationId.Companion.parse(text: String): ConversationId = conversationIdParse(text)

/** M12: the text form `c2c_<userID>` / `group_<groupID>`. */
fun ConversationId.format(): String = conversationIdFormat(this)
