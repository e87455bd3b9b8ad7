"""Vietnamese names for the synthetic province, with rough national frequencies (family names) and the
common middle and given names of Hà Tĩnh's generations. Data for the generator, not facts about anyone."""

FAMILY_NAMES = {
    "Nguyễn": 31,
    "Trần": 11,
    "Lê": 10,
    "Phan": 6,
    "Võ": 5,
    "Đặng": 4,
    "Hồ": 4,
    "Phạm": 4,
    "Hoàng": 3,
    "Bùi": 3,
    "Đinh": 2,
    "Dương": 2,
    "Thái": 2,
    "Đậu": 1.5,
    "Ngô": 1.5,
    "Đỗ": 1.5,
    "Huỳnh": 1,
    "Vũ": 1.5,
    "Trương": 1,
    "Hà": 1,
    "Cao": 1,
    "Mai": 0.8,
    "Chu": 0.6,
    "Tôn": 0.4,
    "Lưu": 0.5,
    "Kiều": 0.3,
    "Lý": 0.5,
}
MIDDLE_MALE = {
    "Văn": 30,
    "Đức": 8,
    "Hữu": 7,
    "Quang": 6,
    "Minh": 6,
    "Đình": 6,
    "Xuân": 5,
    "Công": 5,
    "Thanh": 4,
    "Ngọc": 3,
    "Trọng": 3,
    "Anh": 3,
    "Tiến": 2,
    "Bá": 2,
    "Viết": 2,
}
MIDDLE_FEMALE = {
    "Thị": 55,
    "Ngọc": 6,
    "Thu": 5,
    "Thanh": 5,
    "Minh": 4,
    "Hồng": 4,
    "Phương": 3,
    "Khánh": 3,
    "Hoài": 3,
    "Thùy": 3,
    "Bảo": 2,
    "Diệu": 2,
    "Mai": 2,
}
GIVEN_MALE = (
    "Anh Bình Cường Dũng Đạt Hải Hiếu Hùng Huy Khoa Long Minh Nam Phong Quân Sơn Tâm Thắng Thành "
    "Trung Tuấn Việt Vinh Hoàng Hưng Lâm Tài Tiến Toàn Quý Lộc Phúc Nghĩa Kiên Khánh Đông Hòa "
    "Thịnh Tùng Sang Đức Hậu Lợi Trường Quyết Chiến Hiệp"
).split()
GIVEN_FEMALE = (
    "Anh Chi Dung Giang Hà Hạnh Hằng Hiền Hoa Hương Hường Lan Linh Loan Mai Nga Ngọc Nhung Oanh "
    "Phương Quyên Thảo Thủy Trang Tuyết Vân Yến Lý Nhàn Huyền Thư Trâm Vy Hạnh Lài Sen Tâm Hòa "
    "Nguyệt Ly Liên Thoa Thơm Xoan Duyên Nhi"
).split()

EMPLOYER_TRADES = (
    "Thép|Xây dựng|Thương mại|Vận tải|Dịch vụ|Nông sản|Thủy sản|May mặc|Cơ khí|Điện máy|Gỗ|"
    "Vật liệu|Du lịch|Dược phẩm|Thực phẩm|Điện lực|Viễn thông|Môi trường|In ấn|Khoáng sản"
).split("|")
PLACE_WORDS = (
    "Hồng Lĩnh|Hà Tĩnh|Kỳ Anh|Vũng Áng|Thạch Hà|Cẩm Xuyên|Can Lộc|Nghi Xuân|Đức Thọ|Hương Sơn|"
    "Hương Khê|Vũ Quang|Lộc Hà|Hoành Sơn|Sông La|Thiên Cầm|Xuân Thành|Trường Sơn|Ngàn Phố|Lam Hồng"
).split("|")
