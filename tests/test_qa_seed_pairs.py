"""Reviewed Vietnamese→English pairs of every sentence of the two seed articles.

The English is a careful human translation in the style of the Vietnam News Agency's English
service. These pairs are the false-alarm yardstick of the QA checks (a correct translation must
raise no error and no warning) and the calibration set of the length-ratio band; the other QA
tests and bench/bench_qa_pofilter.py import them.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from tmbuilder.qa.checks import QaUnit, check_project, has_errors
from tmbuilder.qa.checks_text import LENGTH_RATIO_BAND

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SEED_PAIRS: list[tuple[str, str]] = [
    (
        "Trong khuôn khổ chuyến thăm cấp Nhà nước tới Lào của Tổng Bí thư Tô Lâm, chiều 2-12, tại "
        "thủ đô Viêng Chăn đã diễn ra cuộc gặp cấp cao giữa Đảng Cộng sản Việt Nam và Đảng Nhân "
        "dân Cách mạng Lào do Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun "
        "Sisoulith đồng chủ trì.",
        "As part of General Secretary To Lam's state visit to Laos, a high-level meeting between "
        "the Communist Party of Vietnam and the Lao People's Revolutionary Party was held in the "
        "capital Vientiane on the afternoon of December 2, co-chaired by General Secretary To Lam "
        "and Lao General Secretary and President Thongloun Sisoulith.",
    ),
    ("Tạo đột phá mới", "Creating new breakthroughs"),
    (
        "Tại cuộc gặp, Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith "
        "đã thông báo cho nhau về tình hình mỗi Đảng, mỗi nước; đánh giá những kết quả hợp tác "
        "chính, nổi bật giữa hai Đảng, hai nước trong thời gian qua; trao đổi một số cơ chế nhằm "
        "tạo đột phá trong quan hệ hợp tác giữa hai nước trong tình hình mới; chia sẻ một số nội "
        "dung về tình hình thế giới và khu vực mà hai bên cùng quan tâm.",
        "At the meeting, General Secretary To Lam and Lao General Secretary and President "
        "Thongloun Sisoulith briefed each other on the situation of each Party and each country; "
        "reviewed the main and outstanding results of cooperation between the two Parties and "
        "countries in recent times; discussed mechanisms to make breakthroughs in bilateral "
        "cooperation in the new situation; and shared views on regional and world issues of "
        "mutual concern.",
    ),
    (
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith đồng chủ trì "
        "cuộc gặp cấp cao giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân Cách mạng Lào",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith "
        "co-chair the high-level meeting between the Communist Party of Vietnam and the Lao "
        "People's Revolutionary Party",
    ),
    (
        "Hai nhà lãnh đạo đánh giá cao những thành tựu quan trọng, toàn diện, có ý nghĩa lịch sử "
        "mà hai Đảng, hai Nhà nước và nhân dân hai nước đã đạt được, nhất là trong thực hiện Nghị "
        "quyết Đại hội cũng như công tác chuẩn bị tổ chức Đại hội Đảng sắp tới ở mỗi nước; cảm "
        "ơn sự giúp đỡ chí tình, chí nghĩa mà hai Đảng, hai Nhà nước và nhân dân hai nước dành "
        "cho nhau từ trước đến nay; khẳng định tầm quan trọng của quan hệ đặc biệt Việt Nam - Lào "
        "trong bối cảnh tình hình khu vực và quốc tế tiếp tục có nhiều biến động nhanh chóng và "
        "phức tạp.",
        "The two leaders spoke highly of the important, comprehensive and historic achievements "
        "of the two Parties, States and peoples, especially in implementing the resolutions of "
        "their Party Congresses and in preparing for the upcoming Party Congress in each country; "
        "thanked each other for the wholehearted and sincere support the two Parties, States and "
        "peoples have given each other; and affirmed the importance of the Vietnam-Laos special "
        "relationship as the regional and international situation continues to change rapidly "
        "and in complex ways.",
    ),
    (
        "Hai nhà lãnh đạo bày tỏ vui mừng trước những bước phát triển sâu rộng, hiệu quả và thực "
        "chất trong quan hệ hợp tác Việt Nam - Lào.",
        "The two leaders expressed their delight at the extensive, effective and substantive "
        "development of Vietnam-Laos cooperation.",
    ),
    (
        "Hai bên đánh giá cao hợp tác quốc phòng - an ninh ngày càng chặt chẽ, hiệu quả, tiếp tục "
        "được phát huy và khẳng định là trụ cột quan trọng trong quan hệ hai nước; hai bên phối "
        "hợp tổ chức thành công nhiều dự án, góp phần hỗ trợ Lào tăng cường tiềm lực quốc phòng "
        "- an ninh, tổ chức triển khai các kế hoạch, chương trình hợp tác chất lượng, hiệu quả; "
        "thực hiện tốt công tác tìm kiếm, quy tập và hồi hương hài cốt quân tình nguyện và chuyên "
        "gia Việt Nam hy sinh tại Lào về nước.",
        "The two sides praised their increasingly close and effective defence and security "
        "cooperation, which continues to be promoted and remains an important pillar of bilateral "
        "relations; they have jointly carried out many projects that help Laos strengthen its "
        "defence and security capacity, implemented cooperation plans and programmes with quality "
        "and efficiency, and done well in the search for, collection and repatriation of the "
        "remains of Vietnamese volunteer soldiers and experts who died in Laos.",
    ),
    (
        "Hai bên tăng cường phối hợp với Campuchia triển khai kết quả của cuộc gặp giữa ba người "
        "đứng đầu ba Đảng, phối hợp đạt đồng thuận về định hướng phát triển lâu dài, đặt ưu tiên "
        "hàng đầu cho mối quan hệ gắn bó, chặt chẽ, mang ý nghĩa chiến lược giữa ba nước.",
        "The two sides will step up coordination with Cambodia to implement the outcomes of the "
        "meeting between the leaders of the three Parties, reach consensus on long-term "
        "development orientations and give top priority to the close-knit and strategic "
        "relationship among the three countries.",
    ),
    (
        "Tổng Bí thư Tô Lâm và phu nhân dự lễ kỷ niệm 50 năm Quốc khánh Lào.",
        "General Secretary To Lam and his spouse attend the ceremony marking the 50th anniversary "
        "of Laos' National Day.",
    ),
    ("Ảnh: TTXVN", "Photo: VNA"),
    (
        "Hai bên khẳng định sẽ phối hợp chặt chẽ trong các vấn đề chiến lược liên quan đến an "
        "ninh và phát triển, đồng thời cùng chuẩn bị tổ chức thành công Đại hội đại biểu toàn "
        "quốc của mỗi Đảng.",
        "The two sides affirmed that they will closely coordinate on strategic issues related to "
        "security and development, and jointly prepare for the success of each Party's National "
        "Congress.",
    ),
    (
        "Hai nhà lãnh đạo nhấn mạnh và khẳng định tầm quan trọng chiến lược của việc tăng cường "
        "hơn nữa trụ cột hợp tác quốc phòng, an ninh và đối ngoại nhằm giữ vững ổn định chính "
        "trị, an ninh và trật tự xã hội; coi đây là một trong những trụ cột quan trọng của quan "
        "hệ đặc biệt Việt Nam - Lào.",
        "The two leaders stressed the strategic importance of further strengthening the pillars "
        "of defence, security and external relations cooperation to maintain political stability, "
        "security and social order, considering them one of the important pillars of the "
        "Vietnam-Laos special relationship.",
    ),
    (
        "Hai bên khẳng định tiếp tục phát huy tối đa hiệu quả các cơ chế hợp tác hiện có, đồng "
        "thời tiếp tục đổi mới và nâng cao chất lượng phối hợp trên mọi lĩnh vực.",
        "The two sides affirmed that they will continue to make the most of existing cooperation "
        "mechanisms while renewing them and improving the quality of coordination in all fields.",
    ),
    (
        "Trên cơ sở đó, hai nước sẽ xem xét xây dựng các cơ chế hợp tác mới phù hợp nhằm tăng "
        "cường hơn nữa quan hệ đoàn kết đặc biệt Việt Nam - Lào, mang lại lợi ích thiết thực cho "
        "nhân dân mỗi nước và đóng góp vào hòa bình, hợp tác và phát triển của khu vực cũng như "
        "thế giới.",
        "On that basis, the two countries will consider building suitable new cooperation "
        "mechanisms to further strengthen the Vietnam-Laos special solidarity, bring practical "
        "benefits to the people of each country and contribute to peace, cooperation and "
        "development in the region and the world.",
    ),
    (
        "Lãnh đạo hai bên cũng thống nhất tiếp tục trao đổi thông tin kịp thời, tham vấn lập "
        "trường, phối hợp chặt chẽ và ủng hộ lẫn nhau tại các diễn đàn quốc tế và khu vực.",
        "The leaders of both sides also agreed to keep exchanging information in a timely manner, "
        "consult each other on their positions, and coordinate closely with and support each "
        "other at international and regional forums.",
    ),
    (
        "Tối 2-12, Tổng Bí thư Tô Lâm và phu nhân Ngô Phương Ly cùng Đoàn đại biểu cấp cao Việt "
        "Nam đã rời sân bay quốc tế Wattay ở thủ đô Viêng Chăn của Lào, kết thúc tốt đẹp chuyến "
        "thăm cấp Nhà nước tới Cộng hòa Dân chủ Nhân dân Lào.",
        "On the evening of December 2, General Secretary To Lam, his spouse Ngo Phuong Ly and the "
        "high-ranking Vietnamese delegation left Wattay International Airport in the Lao capital "
        "of Vientiane, concluding their successful state visit to the Lao People's Democratic "
        "Republic.",
    ),
    (
        "Hướng tới mốc 10 tỷ USD thương mại song phương",
        "Towards USD 10 billion in bilateral trade",
    ),
    (
        "Cũng tại cuộc gặp, Thủ tướng Phạm Minh Chính và Thủ tướng Lào Sonexay Siphandone đánh "
        "giá cao những kết quả đạt được trong hợp tác kinh tế, thương mại, đầu tư, văn hóa - giáo "
        "dục và khoa học - kỹ thuật giữa hai nước thời gian qua.",
        "Also at the meeting, Prime Minister Pham Minh Chinh and Lao Prime Minister Sonexay "
        "Siphandone highly valued the results of bilateral cooperation in economy, trade, "
        "investment, culture, education, science and technology in recent times.",
    ),
    (
        "Về kinh tế, hai bên nhất trí thúc đẩy hợp tác thương mại, đầu tư, coi đây là trụ cột "
        "quan trọng của gắn kết chiến lược Việt Nam - Lào.",
        "On the economy, the two sides agreed to promote trade and investment cooperation as an "
        "important pillar of the Vietnam-Laos strategic connectivity.",
    ),
    (
        "Hai nước sẽ triển khai hiệu quả các Tuyên bố chung, thỏa thuận cấp cao và chương trình "
        "hợp tác giữa các bộ, ngành, địa phương; đẩy mạnh kết nối và bổ trợ giữa hai nền kinh tế; "
        "tích cực tháo gỡ các khó khăn, vướng mắc trong quá trình thực thi.",
        "The two countries will effectively implement their Joint Statements, high-level "
        "agreements and cooperation programmes between ministries, sectors and localities; "
        "enhance connectivity and complementarity between their economies; and actively remove "
        "difficulties and obstacles in implementation.",
    ),
    (
        "Hai bên cũng trao đổi nhiều định hướng và biện pháp cụ thể nhằm nâng cao hiệu quả hợp "
        "tác kinh tế, thương mại trong giai đoạn tới, đặc biệt nhấn mạnh sự cần thiết phải tạo "
        "bước chuyển biến mạnh mẽ, mang tính đột phá trong hợp tác phát triển kinh tế, thương "
        "mại và đầu tư, đưa lĩnh vực này trở thành một trụ cột gắn kết chiến lược, tương xứng với "
        "tầm vóc quan hệ chính trị cũng như tiềm năng của mỗi nước.",
        "The two sides also discussed many orientations and specific measures to make economic "
        "and trade cooperation more effective in the coming period, stressing the need for a "
        "strong, breakthrough change in economic, trade and investment cooperation so that this "
        "field becomes a pillar of strategic connectivity, commensurate with their political "
        "relations and with each country's potential.",
    ),
    (
        "Hai bên nhất trí thúc đẩy tăng trưởng kim ngạch thương mại song phương để sớm đạt mục "
        "tiêu 5 tỷ USD và hướng tới mốc 10 tỷ USD trong thời gian tới; đồng thời ưu tiên xử lý "
        "các vướng mắc tồn đọng, đẩy mạnh kết nối, trong đó hai bên sẽ tập trung nguồn lực triển "
        "khai các dự án kết nối hạ tầng trọng điểm như dự án đường cao tốc Hà Nội - Viêng Chăn, "
        "thúc đẩy triển khai mô hình Khu công nghiệp Việt Nam - Lào, kinh tế cửa khẩu qua biên "
        "giới trên hành lang kinh tế Đông - Tây; xây dựng môi trường đầu tư, kinh doanh và kết nối "
        "cơ sở hạ tầng nhằm tạo điều kiện thuận lợi thúc đẩy doanh nghiệp hai nước phát triển "
        "bền vững, tăng cường bổ trợ lẫn nhau giữa hai nền kinh tế Việt Nam - Lào.",
        "The two sides agreed to boost bilateral trade so as to soon reach the target of USD 5 "
        "billion and aim for USD 10 billion in the near future; they will give priority to "
        "settling outstanding problems and to connectivity, focusing resources on key "
        "infrastructure projects such as the Hanoi-Vientiane expressway, the Vietnam-Laos "
        "industrial park model and border-gate economies along the East-West Economic Corridor; "
        "and they will build an investment and business environment and connect infrastructure "
        "so that businesses of both countries can grow sustainably, making the Vietnamese and Lao "
        "economies more complementary.",
    ),
    (
        "Trong khuôn khổ chuyến thăm cấp Nhà nước của Tổng Bí thư Tô Lâm và phu nhân cùng Đoàn "
        "đại biểu cấp cao Đảng, Nhà nước Việt Nam tới Cộng hòa Dân chủ Nhân dân Lào, dự lễ kỷ "
        "niệm 50 năm Quốc khánh Cộng hòa Dân chủ Nhân dân Lào và đồng chủ trì cuộc gặp cấp cao "
        "giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân Cách mạng Lào tại thủ đô Viêng Chăn, hai bên "
        "đã ra tuyên bố chung.",
        "During the state visit to the Lao People's Democratic Republic by General Secretary To "
        "Lam, his spouse and the high-ranking delegation of the Party and State of Vietnam, who "
        "attended the 50th anniversary of the National Day of the Lao People's Democratic "
        "Republic and co-chaired the high-level meeting between the Communist Party of Vietnam "
        "and the Lao People's Revolutionary Party in Vientiane, the two sides issued a joint "
        "statement.",
    ),
    (
        "(Báo SGGP trân trọng giới thiệu và mời xem toàn văn Tuyên bố chung Việt Nam - Lào trên "
        "www.sggp.org.vn)",
        "(SGGP Newspaper presents the full text of the Vietnam-Laos Joint Statement on "
        "www.sggp.org.vn)",
    ),
    ("TTXVN", "VNA"),
    (
        "Hai lãnh đạo trao đổi sâu rộng về chủ trương, chính sách lớn trong Nghị quyết Đại hội "
        "mỗi Đảng, tình hình mỗi nước, tình hình thế giới và khu vực; phương hướng thúc đẩy hơn "
        "nữa mối quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện, gắn kết chiến "
        "lược Việt Nam - Lào trong giai đoạn mới.",
        "The two leaders held in-depth discussions on the major guidelines and policies in the "
        "resolutions of each Party's Congress, the situation in each country, regional and world "
        "affairs, and ways to further promote the Vietnam-Laos great friendship, special "
        "solidarity, comprehensive cooperation and strategic connectivity in the new period.",
    ),
    (
        "Việc hai Đảng, hai Nhà nước Việt Nam - Lào tiếp tục tăng cường đoàn kết, gắn bó, tin cậy "
        "chính trị và phối hợp chặt chẽ càng có ý nghĩa đặc biệt quan trọng.",
        "It is all the more important that the Parties and States of Vietnam and Laos continue to "
        "strengthen their solidarity, attachment, political trust and close coordination.",
    ),
    (
        "Tổng Bí thư Tô Lâm trân trọng và đánh giá cao việc ngay sau thành công tốt đẹp của Đại "
        "hội nhiệm kỳ mới của mỗi Đảng, Việt Nam là quốc gia đầu tiên mà Tổng Bí thư, Chủ tịch "
        "nước Lào đến thăm.",
        "General Secretary To Lam cherished and highly appreciated the fact that, right after the "
        "success of each Party's Congress for the new tenure, Vietnam is the first country the "
        "Lao General Secretary and President has visited.",
    ),
    (
        "Chuyến thăm có ý nghĩa và dấu mốc lịch sử, thể hiện sâu sắc sự coi trọng đặc biệt của "
        "Lào và cá nhân Tổng Bí thư, Chủ tịch nước Thongloun Sisoulith đối với mối quan hệ Việt "
        "Nam - Lào.",
        "The visit is a historic milestone and shows the special importance that Laos and "
        "General Secretary and President Thongloun Sisoulith personally attach to the "
        "Vietnam-Laos relationship.",
    ),
    (
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại lễ đón.",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith at "
        "the welcome ceremony.",
    ),
    (
        "Tổng Bí thư, Chủ tịch nước Lào chúc mừng thành công của Đại hội 14 của Đảng Cộng sản Việt "
        "Nam - sự kiện chính trị có ý nghĩa lịch sử quan trọng trong việc xác định đường lối và "
        "nhiệm vụ phát triển đất nước trong giai đoạn mới.",
        "The Lao General Secretary and President congratulated Vietnam on the success of the "
        "14th National Congress of the Communist Party of Vietnam, a political event of great "
        "historic significance that defines the country's development path and tasks in the new "
        "period.",
    ),
    (
        "Ông cũng đặc biệt chúc mừng Tổng Bí thư Tô Lâm được Đảng tín nhiệm tiếp tục bầu làm Tổng "
        "Bí thư, thể hiện sự tin tưởng cao độ của Đảng, Nhà nước và nhân dân Việt Nam.",
        "He also congratulated To Lam on his re-election as General Secretary, which reflects "
        "the great trust of the Party, State and people of Vietnam.",
    ),
    (
        "Tổng Bí thư Tô Lâm khẳng định sự ủng hộ mạnh mẽ và toàn diện của Đảng, Nhà nước, nhân "
        "dân Việt Nam đối với công cuộc xây dựng, đổi mới và bảo vệ đất nước Lào.",
        "General Secretary To Lam affirmed the strong and comprehensive support of the Party, "
        "State and people of Vietnam for the building, renewal and defence of Laos.",
    ),
    (
        "Hai lãnh đạo khẳng định việc bổ sung nội hàm “gắn kết chiến lược” vào khuôn khổ quan hệ "
        "hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào trong năm 2025 là "
        "bước phát triển mới, có ý nghĩa chiến lược lâu dài, tạo nền tảng chính trị vững chắc để "
        "đưa quan hệ hai nước phát triển.",
        "The two leaders affirmed that adding “strategic connectivity” to the framework of the "
        "Vietnam-Laos great friendship, special solidarity and comprehensive cooperation in 2025 "
        "is a new development of long-term strategic significance that lays a firm political "
        "foundation for bilateral relations to grow.",
    ),
    (
        "Trong bối cảnh hai Đảng vừa tổ chức thành công Đại hội nhiệm kỳ mới, mở ra giai đoạn "
        "phát triển mới với những định hướng chiến lược lâu dài, việc tiếp tục tăng cường gắn "
        "kết chiến lược, làm sâu sắc và thực chất hơn nữa quan hệ hợp tác toàn diện Việt Nam - "
        "Lào, Lào - Việt Nam có ý nghĩa hết sức quan trọng và cấp thiết.",
        "As the two Parties have just held successful Congresses for the new tenure, opening a "
        "new period of development with long-term strategic orientations, further strengthening "
        "their strategic connectivity and deepening the comprehensive cooperation between "
        "Vietnam and Laos and between Laos and Vietnam is extremely important and urgent.",
    ),
    (
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith",
    ),
    (
        "Hai lãnh đạo khẳng định đây không chỉ là yêu cầu khách quan xuất phát từ lợi ích căn "
        "bản, lâu dài của mỗi nước mà còn là trách nhiệm chính trị chung của hai Đảng trong việc "
        "kế thừa, gìn giữ và phát huy tài sản chung vô giá mà các thế hệ lãnh đạo, nhân dân hai "
        "nước đã dày công vun đắp.",
        "The two leaders affirmed that this is not only an objective requirement arising from "
        "the fundamental and long-term interests of each country but also a shared political "
        "responsibility of the two Parties to inherit, preserve and promote the invaluable common "
        "asset that generations of leaders and people of the two countries have painstakingly "
        "nurtured.",
    ),
    (
        "Hai Tổng Bí thư cũng nhất trí cho rằng trong giai đoạn phát triển mới, hai bên cần cụ "
        "thể hóa, tổ chức đồng bộ, hiệu quả thỏa thuận cấp cao và Tuyên bố chung Việt Nam - Lào ở "
        "vị trí trung tâm, bảo đảm gắn kết chặt chẽ giữa tầm nhìn chiến lược với hành động cụ thể.",
        "The two General Secretaries also agreed that in the new period of development, the two "
        "sides need to concretise and implement the high-level agreements and the Vietnam-Laos "
        "Joint Statement in a synchronous and effective way, closely linking strategic vision "
        "with concrete action.",
    ),
    (
        "Hai lãnh đạo nhất trí nhận thức phát huy thế mạnh của mỗi nước, tập trung triển khai các "
        "dự án đáp ứng đúng nhu cầu thiết thực của nhân dân hai nước, mang dấu ấn và tính biểu "
        "tượng cao cho quan hệ, ưu tiên lĩnh vực then chốt như quốc phòng - an ninh.",
        "The two leaders agreed to bring each country's strengths into play, focus on projects "
        "that meet the practical needs of the people of both countries and carry a strong "
        "symbolic mark for the relationship, and give priority to key fields such as defence and "
        "security.",
    ),
    (
        "Việt Nam và Lào cần đẩy mạnh hợp tác kinh tế - thương mại - đầu tư, phấn đấu đạt kim "
        "ngạch thương mại 10 tỷ USD, tăng cường kết nối hai nền kinh tế; kết nối giao thông vận "
        "tải với những dự án lớn như cao tốc Hà Nội - Vientiane, đường sắt Vientiane - Vũng Áng; "
        "đẩy mạnh nâng cao chất lượng và hiệu quả hợp tác giáo dục - đào tạo, phát triển nguồn "
        "nhân lực, đặc biệt là nhân lực chất lượng cao.",
        "Vietnam and Laos need to step up economic, trade and investment cooperation, striving "
        "for two-way trade of USD 10 billion and closer links between their economies; connect "
        "their transport networks through major projects such as the Hanoi-Vientiane expressway "
        "and the Vientiane-Vung Ang railway; and improve the quality and effectiveness of "
        "cooperation in education, training and human resource development, especially "
        "high-quality human resources.",
    ),
    (
        "Kết thúc hội đàm, hai lãnh đạo chứng kiến lễ trao các văn kiện hợp tác giữa hai nước",
        "After the talks, the two leaders witnessed the exchange of cooperation documents between "
        "the two countries",
    ),
    (
        "Hai nước nỗ lực thúc đẩy tạo bước đột phá, nâng cao hiệu quả hợp tác trên các lĩnh vực "
        "văn hóa, du lịch, khoa học - kỹ thuật trên cơ sở phát huy tối đa tiềm năng, thế mạnh và "
        "tính bổ trợ của mỗi nước; mở rộng hợp tác viễn thông, chính phủ điện tử và chuyển đổi số.",
        "The two countries will strive for breakthroughs and more effective cooperation in "
        "culture, tourism, science and technology, making the most of each country's potential, "
        "strengths and complementarity, and will expand cooperation in telecommunications, "
        "e-government and digital transformation.",
    ),
    (
        "Hai lãnh đạo nhất trí duy trì hiệu quả trao đổi thông tin, đánh giá tình hình quốc tế; "
        "tham vấn, phối hợp chặt chẽ, ủng hộ lẫn nhau hiệu quả trong các vấn đề quốc tế, khu vực "
        "tại diễn đàn đa phương.",
        "The two leaders agreed to maintain effective exchanges of information and assessments "
        "of the international situation, and to consult, coordinate closely and support each "
        "other effectively on international and regional issues at multilateral forums.",
    ),
    (
        "Lào nhất quán chủ trương hợp tác toàn diện và gắn kết chiến lược",
        "Laos consistent in its policy of comprehensive cooperation and strategic connectivity",
    ),
    (
        "Tiếp đó, Tổng Bí thư Tô Lâm đã cùng Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith "
        "đồng chủ trì hội nghị thông báo kết quả Đại hội lần thứ 12 của Đảng Nhân dân cách mạng "
        "(NDCM) Lào.",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith "
        "then co-chaired a conference announcing the results of the 12th National Congress of "
        "the Lao People's Revolutionary Party (LPRP).",
    ),
    (
        "Với chủ đề “Nâng cao vai trò lãnh đạo vững mạnh của Đảng, tích cực xây dựng nền kinh tế "
        "độc lập, tự chủ, tiếp tục hoàn thiện chế độ dân chủ nhân dân vững bước tiến lên xã hội "
        "chủ nghĩa”, Đại hội thể hiện quyết tâm chính trị cao của toàn Đảng trong việc đẩy mạnh "
        "đổi mới toàn diện, khẳng định vai trò lãnh đạo trung tâm của Đảng đối với sự ổn định và "
        "phát triển của đất nước, củng cố niềm tin của nhân dân các dân tộc Lào.",
        "With the theme “Enhancing the Party's strong leadership, actively building an "
        "independent and self-reliant economy, and continuing to perfect the people's democratic "
        "regime to advance firmly towards socialism”, the Congress demonstrated the whole Party's "
        "strong political resolve to push ahead with comprehensive renewal, affirmed the Party's "
        "central leading role in the country's stability and development, and strengthened the "
        "trust of the Lao people of all ethnic groups.",
    ),
    (
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith đến dự hội nghị",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith "
        "arrive at the conference",
    ),
    (
        "Đại hội đã thông qua nhiều văn kiện chiến lược quan trọng, nổi bật là Cương lĩnh chính "
        "trị lần thứ 3 - văn kiện có ý nghĩa định hướng lâu dài, khẳng định sự kiên định con "
        "đường xã hội chủ nghĩa, kế thừa tư tưởng của Chủ tịch Kaysone Phomvihane.",
        "The Congress adopted many important strategic documents, notably the third Political "
        "Platform, a document of long-term significance that affirms the steadfast pursuit of "
        "the socialist path and carries on the thought of President Kaysone Phomvihane.",
    ),
    (
        "Trên cơ sở đó, Cương lĩnh chính trị lần thứ 3 đã tổng kết 6 bài học kinh nghiệm có tính "
        "quy luật của cách mạng Lào và đề ra 11 chủ trương mới nhằm tiếp tục hoàn thiện chế độ "
        "dân chủ nhân dân, tiến lên chủ nghĩa xã hội.",
        "On that basis, the third Political Platform sums up six lessons that hold as laws of the "
        "Lao revolution and sets out 11 new policies to keep perfecting the people's democratic "
        "regime and advance towards socialism.",
    ),
    (
        "Tổng Bí thư, Chủ tịch nước Lào cho biết Đại hội đã thông qua Báo cáo Chính trị với 10 "
        "phương hướng trọng tâm thể hiện tầm nhìn phát triển toàn diện và dài hạn của Đảng NDCM "
        "Lào; đề ra Chiến lược phát triển 10 năm (2026-2035) hướng tới xây dựng củng cố và nâng "
        "cao các tiền đề chính trong việc hoàn thiện chế độ dân chủ nhân dân vững chắc, tăng "
        "trưởng bền vững.",
        "The Lao General Secretary and President said the Congress adopted the Political Report "
        "with 10 key orientations reflecting the LPRP's comprehensive, long-term vision of "
        "development, and set out a 10-year Development Strategy (2026–2035) to build, "
        "consolidate and improve the main foundations for a firm people's democratic regime and "
        "sustainable growth.",
    ),
    (
        "Đáng chú ý, Đại hội đã thông qua Kế hoạch phát triển kinh tế - xã hội quốc gia 5 năm lần "
        "thứ 10 (2026-2030).",
        "Notably, the Congress adopted the 10th five-year National Socio-Economic Development "
        "Plan (2026–2030).",
    ),
    (
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại hội nghị",
        "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith at "
        "the conference",
    ),
    (
        "Tổng Bí thư, Chủ tịch nước Lào đã làm rõ các định hướng phát triển những lĩnh vực then "
        "chốt như quốc phòng - an ninh, đối ngoại, xây dựng Đảng và hệ thống chính trị, văn hóa, "
        "xã hội, giáo dục, thể thao, khoa học, công nghệ và đổi mới sáng tạo.",
        "The Lao General Secretary and President outlined development orientations for key "
        "fields such as defence and security, external relations, Party building and the "
        "political system, culture, society, education, sports, science, technology and "
        "innovation.",
    ),
    (
        "Lào nhất quán chủ trương tiếp tục thúc đẩy và làm sâu sắc hơn nữa mối quan hệ hữu nghị "
        "vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện và gắn kết chiến lược giữa Việt Nam - Lào, "
        "coi đây là nhân tố quan trọng góp phần bảo đảm hòa bình, ổn định và phát triển.",
        "Laos consistently pursues the policy of further promoting and deepening the great "
        "friendship, special solidarity, comprehensive cooperation and strategic connectivity "
        "with Vietnam, which it regards as an important factor for peace, stability and "
        "development.",
    ),
    (
        "Tổng Bí thư, Chủ tịch nước Lào cảm ơn sự giúp đỡ, ủng hộ chí nghĩa, chí tình mà Việt Nam "
        "đã dành cho Lào trong suốt thời gian qua, trong đó có việc chia sẻ kinh nghiệm, đóng góp "
        "nhiều ý kiến sâu sắc, thiết thực trong quá trình chuẩn bị và xây dựng các văn kiện quan "
        "trọng của Đảng NDCM Lào.",
        "The Lao General Secretary and President thanked Vietnam for its sincere and wholehearted "
        "help and support for Laos over the years, including sharing experience and contributing "
        "many profound and practical ideas while the LPRP prepared and drafted its important "
        "documents.",
    ),
    (
        "Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith phát biểu tại hội nghị",
        "Lao General Secretary and President Thongloun Sisoulith speaks at the conference",
    ),
    (
        "Phát biểu tại hội nghị, Tổng Bí thư Tô Lâm nhấn mạnh thành công của Đại hội 12 khẳng "
        "định vai trò lãnh đạo toàn diện, tuyệt đối của Đảng NDCM Lào đối với sự nghiệp cách "
        "mạng, củng cố vững chắc niềm tin của cán bộ, đảng viên và các tầng lớp nhân dân Lào vào "
        "con đường phát triển xã hội chủ nghĩa.",
        "Speaking at the conference, General Secretary To Lam stressed that the success of the "
        "12th Congress affirms the comprehensive and absolute leadership of the LPRP over the "
        "revolutionary cause and firmly consolidates the trust of cadres, Party members and all "
        "strata of the Lao people in the path of socialist development.",
    ),
    (
        "Tổng Bí thư đánh giá cao những thông tin quan trọng mà Tổng Bí thư, Chủ tịch nước Lào "
        "thông báo.",
        "General Secretary To Lam appreciated the important information shared by the Lao General "
        "Secretary and President.",
    ),
    (
        "Những thông tin này không chỉ giúp cho Việt Nam hiểu rõ về thành công của Đại hội 12 mà "
        "còn nhận thức sâu sắc hơn về tầm nhìn chiến lược, tư duy đổi mới và quyết tâm chính trị "
        "rất cao của Lào trong giai đoạn phát triển mới.",
        "This information not only helps Vietnam understand the success of the 12th Congress but "
        "also gives it a deeper understanding of Laos' strategic vision, innovative thinking and "
        "very strong political resolve in the new period of development.",
    ),
    (
        "Đồng thời, Tổng Bí thư Tô Lâm đánh giá cao những nhiệm vụ trọng tâm và giải pháp lớn "
        "của nhiệm kỳ Đại hội 12 của Đảng NDCM Lào, nhấn mạnh các nhóm giải pháp mà Đại hội đề ra "
        "mang tính toàn diện, đồng bộ, có trọng tâm, trọng điểm, thể hiện quyết tâm rất cao trong "
        "tổ chức thực hiện.",
        "General Secretary To Lam also valued the key tasks and major solutions of the LPRP's "
        "12th Congress tenure, noting that the groups of solutions set by the Congress are "
        "comprehensive, synchronous and focused, and show a very strong resolve to implement "
        "them.",
    ),
    (
        "Hội nghị thông tin về kết quả Đại hội 12 Đảng NDCM Lào là hoạt động có ý nghĩa chính trị "
        "đặc biệt quan trọng, mang tính dấu mốc, góp phần tăng cường hiểu biết và củng cố tin cậy "
        "chiến lược giữa hai Đảng",
        "The conference on the results of the LPRP's 12th Congress is a landmark event of "
        "special political importance, helping to enhance mutual understanding and strategic "
        "trust between the two Parties",
    ),
    (
        "Những định hướng lớn về đổi mới mô hình tăng trưởng, phát triển kinh tế xanh, kinh tế "
        "số, nâng cao chất lượng nguồn nhân lực, đẩy mạnh hội nhập quốc tế gắn với giữ vững độc "
        "lập, tự chủ cho thấy tư duy phát triển rất hiện đại, phù hợp với xu thế chung của khu "
        "vực và thế giới, đồng thời bám sát điều kiện thực tiễn của đất nước Lào.",
        "The major orientations on renewing the growth model, developing the green and digital "
        "economies, improving the quality of human resources and stepping up international "
        "integration while maintaining independence and self-reliance show very modern "
        "development thinking that is in line with regional and global trends and closely "
        "follows Laos' practical conditions.",
    ),
]


def seed_units() -> list[QaUnit]:
    """The seed pairs as reviewed QA units, one document per article."""
    return [
        QaUnit(i, source, target, status="reviewed", document="seeds")
        for i, (source, target) in enumerate(SEED_PAIRS, start=1)
    ]


def test_every_source_is_a_real_seed_sentence() -> None:
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    flat = " ".join(seed_text.split())
    missing = [source for source, _ in SEED_PAIRS if " ".join(source.split()) not in flat]
    assert missing == []
    assert len(SEED_PAIRS) >= 60


def test_reviewed_seed_translations_raise_no_finding_at_all() -> None:
    findings = check_project(seed_units())
    assert not has_errors(findings)
    assert [(f.segment_id, f.check, f.message) for f in findings] == []


def test_length_ratio_band_covers_the_calibration_pairs_with_margin() -> None:
    ratios = [len(t) / len(s) for s, t in SEED_PAIRS if len(s) >= 40]
    low, high = LENGTH_RATIO_BAND
    assert low < min(ratios) * 0.8
    assert max(ratios) * 1.2 < high
    assert 0.8 < statistics.median(ratios) < 1.2
