package org.fanzha.divisions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The 34 provincial-level divisions of China (GB/T 2260), to name where an outside person belongs. */
public final class Provinces {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        String[][] rows = {
            {"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"}, {"15", "内蒙古自治区"},
            {"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"}, {"31", "上海市"}, {"32", "江苏省"},
            {"33", "浙江省"}, {"34", "安徽省"}, {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"},
            {"41", "河南省"}, {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"},
            {"46", "海南省"}, {"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"}, {"53", "云南省"},
            {"54", "西藏自治区"}, {"61", "陕西省"}, {"62", "甘肃省"}, {"63", "青海省"}, {"64", "宁夏回族自治区"},
            {"65", "新疆维吾尔自治区"}, {"71", "台湾省"}, {"81", "香港特别行政区"}, {"82", "澳门特别行政区"}
        };
        for (String[] row : rows) {
            NAMES.put(row[0], row[1]);
        }
    }

    private Provinces() {}

    public static Optional<String> nameOf(String code) {
        return code.length() < 2 ? Optional.empty() : Optional.ofNullable(NAMES.get(code.substring(0, 2)));
    }

    /** The province a place description starts with ("河南省郑州市" → 河南省, "广西南宁市" → 广西壮族自治区). */
    public static Optional<Map.Entry<String, String>> leading(String description) {
        for (var e : NAMES.entrySet()) {
            String full = e.getValue();
            String shortName = shortName(full);
            if (description.startsWith(full) || description.startsWith(shortName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** 河南省 → 河南, 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西, 北京市 → 北京. */
    public static String shortName(String full) {
        if (full.length() > 2 && (full.startsWith("内蒙古") || full.startsWith("黑龙江"))) {
            return full.substring(0, 3);
        }
        return full.substring(0, 2);
    }
}
